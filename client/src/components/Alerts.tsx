/** Alerts everywhere: the header bell, the banner no one can miss, and what announces a new alert. */
import { useEffect, useRef, useState, type Ref } from 'react';
import type { Alert, AlertKind } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { ALERT_KIND_LABELS, alertSubject, bannerAlert, unacknowledged } from '../data/alerts.ts';
import { announceAlert } from '../data/notify.ts';
import { hrefFor, navigate } from '../router.ts';
import { Icons } from './Badges.tsx';
import { Countdown } from './Countdown.tsx';

export function AlertKindBadge({ kind }: { kind: AlertKind }) {
  return (
    <span className={`badge badge--alert-${kind}`}>
      {kind === 'warning' ? Icons.clock : kind === 'request' ? Icons.info : Icons.warning}
      {ALERT_KIND_LABELS[kind]}
    </span>
  );
}

/**
 * The header's bell: a link to the inbox. Its name starts with what it shows ("Alerts 3"), so a
 * speech user can say what they see: "Alerts, 3 unacknowledged".
 */
export function AlertBell({ current }: { current: boolean }) {
  const { client } = useSession();
  const { alerts } = useLive();
  if (!client.receivesAlerts) return null;
  const count = alerts ? unacknowledged(alerts).length : 0;
  return (
    <a className={`bell${count ? ' bell--active' : ''}`} href={hrefFor({ page: 'alerts' })} aria-current={current ? 'page' : undefined}>
      {Icons.bell}
      <span className="bell__text">Alerts</span>
      <span className="visually-hidden">,</span> <span className="bell__count">{alerts === null ? '…' : count}</span>
      <span className="visually-hidden">{alerts === null ? ' loading' : ' unacknowledged'}</span>
    </a>
  );
}

/** Acknowledge one alert; shows the server's refusal beside the button. */
export function AcknowledgeButton({ alert, className = 'button button--small', buttonRef, onDone }: { alert: Alert; className?: string; buttonRef?: Ref<HTMLButtonElement>; onDone?: () => void }) {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function acknowledge() {
    setBusy(true);
    setError('');
    const err = await client.acknowledgeAlert(alert.id);
    setBusy(false);
    if (err) setError(err.message);
    else onDone?.();
  }
  return (
    <>
      <button ref={buttonRef} type="button" className={className} disabled={busy} aria-describedby={error ? `ack-error-${alert.id}` : undefined} onClick={() => void acknowledge()}>
        {busy ? 'Acknowledging…' : 'Acknowledge'}
        <span className="visually-hidden">
          {' '}
          {ALERT_KIND_LABELS[alert.kind].toLowerCase()} alert on {alertSubject(alert).label}
        </span>
      </button>
      {error ? (
        <span className="field-error alert-ack-error" id={`ack-error-${alert.id}`}>
          <span className="visually-hidden">Error:</span> {error}
        </span>
      ) : null}
    </>
  );
}

/**
 * The newest unacknowledged breach or escalation, on top of every page until someone acknowledges
 * it. The live region is always in the page, so a new alert is announced when it arrives; it holds
 * the alert's words only, not the banner's countdown, which would have it read out again at every
 * minute that ticks by.
 */
export function AlertBanner() {
  const { client } = useSession();
  const { alerts } = useLive();
  const alert = alerts ? bannerAlert(alerts) : null;
  const others = alerts ? unacknowledged(alerts).filter((a) => a.id !== alert?.id && a.kind !== 'warning').length : 0;
  const ackRef = useRef<HTMLButtonElement>(null);
  const [moveFocus, setMoveFocus] = useState(0);
  // The banner is drawn with the page when the inbox came first (earlyCase.ts); a live region's
  // words there from the start are not read out, so they are put in once it is on screen.
  const [announcing, setAnnouncing] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setAnnouncing(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  useEffect(() => {
    if (!moveFocus) return;
    // After an acknowledgement: to the next alert's button, or back to the page.
    if (ackRef.current) ackRef.current.focus();
    else document.getElementById('main')?.focus();
  }, [moveFocus]);
  if (!client.receivesAlerts) return null;
  return (
    <>
      <p className="visually-hidden" role="alert">
        {alert && announcing ? `${ALERT_KIND_LABELS[alert.kind]}: ${alert.title}. Case ${alert.caseReference}.` : ''}
      </p>
      <div className="alert-banner-region" role={alert ? 'region' : undefined} aria-label={alert ? 'Alert' : undefined}>
        {alert ? (
          <div className={`alert-banner alert-banner--${alert.kind}`} key={alert.id}>
            <div className="alert-banner__inner">
              <p className="alert-banner__what">
                <span className="alert-banner__kind">
                  {Icons.warning} {ALERT_KIND_LABELS[alert.kind]}:
                </span>{' '}
                {alert.title}
              </p>
              <p className="alert-banner__when">
                Case <strong>{alert.caseReference}</strong>. Due <Countdown dueAt={alert.dueAt} overdueBadge={false} />
                {others ? (
                  <>
                    {' '}
                    · <a href={hrefFor({ page: 'alerts' })}>{others} more unacknowledged</a>
                  </>
                ) : null}
              </p>
              <div className="alert-banner__actions">
                <a className="button button--inverse" href={hrefFor({ page: 'case', caseId: alert.caseId })}>
                  Open case<span className="visually-hidden"> {alert.caseReference}</span>
                </a>
                <AcknowledgeButton alert={alert} className="button button--inverse" buttonRef={ackRef} onDone={() => setMoveFocus((n) => n + 1)} />
              </div>
            </div>
          </div>
        ) : null}
      </div>
    </>
  );
}

/** New alerts pushed live: a notification and a tone, for those who opted in. */
export function AlertNotifier() {
  const { client } = useSession();
  useEffect(() => client.onAlertRaised((alert) => announceAlert(client.user.userId, alert, () => navigate(alertSubject(alert).route))), [client]);
  return null;
}
