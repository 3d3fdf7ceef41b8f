/** The alert inbox: every alert sent to me, newest first, with a way to acknowledge; and the opt-in for notifications. */
import { useEffect, useState } from 'react';
import { agencyName, formatUkDateTime, isServiceAlert } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { alertSubject, unacknowledged } from '../data/alerts.ts';
import { notificationPermission, notifyOptedIn, playTone, requestNotificationPermission, setNotifyOptIn, unlockAudio, type NotifyPermission } from '../data/notify.ts';
import { hrefFor } from '../router.ts';
import { AcknowledgeButton, AlertKindBadge } from '../components/Alerts.tsx';
import { Ago } from '../components/Ago.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { Checkbox, RadioGroup } from '../forms/fields.tsx';

function permissionText(p: NotifyPermission): string {
  switch (p) {
    case 'granted':
      return 'On: a new alert shows a browser notification and plays a short sound.';
    case 'denied':
      return 'Your browser blocks notifications from Mashboard, so a new alert only plays a sound. To allow notifications, change this site’s settings in your browser.';
    case 'unsupported':
      return 'This browser cannot show notifications, so a new alert only plays a sound.';
    default:
      return 'The browser has not been allowed to show notifications yet, so a new alert only plays a sound.';
  }
}

function NotifySettings() {
  const { client } = useSession();
  const userId = client.user.userId;
  const [on, setOn] = useState(() => notifyOptedIn(userId));
  const [permission, setPermission] = useState<NotifyPermission>(notificationPermission);
  return (
    <section className="panel notify-settings" aria-labelledby="notify-title">
      <h2 id="notify-title" className="heading-s">
        Notifications on this device
      </h2>
      <Checkbox
        id="notify-toggle"
        label="Tell me about new alerts with a browser notification and a short sound"
        hint="Only while Mashboard is open in this browser. Off unless you turn it on."
        checked={on}
        onChange={(checked) => {
          setNotifyOptIn(userId, checked);
          setOn(checked);
          if (checked) {
            unlockAudio(); // from this click, so the browser lets it play later
            void requestNotificationPermission().then(setPermission);
          }
        }}
      />
      <p role="status" className="hint">
        {on ? permissionText(permission) : 'Off.'}
      </p>
      {on ? (
        <button type="button" className="button button--secondary button--small" onClick={() => playTone()}>
          Play the sound
        </button>
      ) : null}
    </section>
  );
}

export function AlertsPage() {
  const live = useLive();
  const { client } = useSession();
  const [show, setShow] = useState<'unacknowledged' | 'all'>('unacknowledged');
  useEffect(() => {
    document.title = 'Alerts – Mashboard';
  }, []);
  if (!client.receivesAlerts) {
    return (
      <>
        <h1 tabIndex={-1}>Alerts</h1>
        <p>Deadline alerts go to case workers, duty leads and MASH managers, and alerts about the service to administrators. Your role receives none.</p>
      </>
    );
  }
  const alerts = live.alerts ?? [];
  const open = unacknowledged(alerts);
  const shown = show === 'all' ? alerts : open;
  return (
    <>
      <h1 tabIndex={-1}>Alerts</h1>
      <p className="lead-text">
        {live.alerts === null ? 'Loading…' : `${open.length} unacknowledged of ${alerts.length}.`} Warnings come before a deadline, “Overdue” when it passes, “Escalated” when an overdue alert is not
        acknowledged in time.
      </p>
      {live.alertsError ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The alerts could not be loaded</h2>
          <p>{live.alertsError.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void client.loadAlerts()}>
            Try again
          </button>
        </div>
      ) : null}
      <NotifySettings />
      <RadioGroup<'unacknowledged' | 'all'>
        id="alerts-show"
        name="alerts-show"
        legend="Show"
        inline
        value={show}
        onChange={setShow}
        options={[
          { value: 'unacknowledged', label: `Unacknowledged (${open.length})` },
          { value: 'all', label: `All (${alerts.length})` },
        ]}
      />
      {live.alerts !== null && shown.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{show === 'all' ? 'No alerts' : 'No unacknowledged alerts'}</p>
        </div>
      ) : (
        <ul className="alert-list">
          {shown.map((a) => (
            <li key={a.id} className={`alert-item alert-item--${a.kind}${a.acknowledged ? ' alert-item--done' : ''}`}>
              <article aria-labelledby={`alert-${a.id}`}>
                <p className="alert-item__kind">
                  <AlertKindBadge kind={a.kind} />
                  {a.acknowledged ? <span className="badge badge--ok">Acknowledged</span> : null}
                </p>
                <h2 id={`alert-${a.id}`} className="heading-s alert-item__title">
                  {a.title}
                </h2>
                <dl className="meta-list">
                  <dt>{isServiceAlert(a) ? 'About' : 'Case'}</dt>
                  <dd>
                    <a href={hrefFor(alertSubject(a).route)}>{alertSubject(a).label}</a>
                  </dd>
                  <dt>Due</dt>
                  <dd>
                    <Countdown dueAt={a.dueAt} overdueBadge={false} />
                  </dd>
                  <dt>Raised</dt>
                  <dd>
                    {formatUkDateTime(new Date(a.raisedAt))} (<Ago iso={a.raisedAt} />)
                  </dd>
                  <dt>Acknowledged</dt>
                  <dd>
                    {a.acknowledged ? (
                      `by ${a.acknowledged.by.name} (${agencyName(a.acknowledged.by.agency)}), ${formatUkDateTime(new Date(a.acknowledged.at))}`
                    ) : (
                      <span className="pending-inline">
                        Not yet <AcknowledgeButton alert={a} onDone={() => document.querySelector<HTMLElement>('main h1')?.focus()} />
                      </span>
                    )}
                  </dd>
                </dl>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
