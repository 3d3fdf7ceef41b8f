/** What the recipient of a share pack will see: items labelled Fact or Opinion, and what is left out and why. */
import { referralSourceLabel, type SharePack } from '@mashboard/shared';
import { formatDateTime, formatHappened } from '../../data/time.ts';
import { KindBadge, RestrictedBadge, TimeframeBadge } from '../../components/Badges.tsx';

const OMITTED_WHY: Record<SharePack['omitted'][number]['why'], string> = {
  'restricted-not-chosen': 'Restricted: left out because “include although restricted” is not ticked',
  'not-visible-to-you': 'You cannot see it, so you cannot share it',
  'not-on-this-case': 'Not on this case',
};

export function SharePackPreview({ pack, titleFor }: { pack: SharePack; titleFor?: (id: string) => string }) {
  return (
    <section className="share-pack" aria-labelledby="share-pack-title">
      <h3 id="share-pack-title" className="heading-s">
        What the recipient will see
      </h3>
      <dl className="meta-list">
        <dt>Case</dt>
        <dd>{pack.caseReference}</dd>
        <dt>Children</dt>
        <dd>{pack.children.map((c) => c.name).join(', ')}</dd>
        <dt>Referral</dt>
        <dd>
          {referralSourceLabel(pack.referral.source)}
          {pack.referral.referrer ? `: ${pack.referral.referrer}` : ' (referrer not named)'}
        </dd>
      </dl>
      {pack.items.length ? (
        <ol className="plain-list share-pack__items" aria-label="Information shared">
          {pack.items.map((item) => (
            <li key={item.id} className="share-pack__item">
              <p className="entry__badges">
                <KindBadge kind={item.kind === 'Opinion' ? 'opinion' : 'fact'} /> <TimeframeBadge timeframe={item.timeframe === 'Historic' ? 'historic' : 'current'} />{' '}
                {item.restricted ? <RestrictedBadge text="Restricted: included deliberately" /> : null}
              </p>
              <p className="prewrap">{item.text}</p>
              <dl className="meta-list">
                <dt>From</dt>
                <dd>{item.agency}</dd>
                {item.basis ? (
                  <>
                    <dt>Basis</dt>
                    <dd>{item.basis}</dd>
                  </>
                ) : null}
                {item.relevance ? (
                  <>
                    <dt>Why relevant now</dt>
                    <dd>{item.relevance}</dd>
                  </>
                ) : null}
                <dt>Happened</dt>
                <dd>{formatHappened(item.happened)}</dd>
                <dt>Source</dt>
                <dd>{item.source}</dd>
                <dt>Recorded</dt>
                <dd>{formatDateTime(item.recordedAt)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No contributions in the pack.</p>
      )}
      {pack.childVoice.length ? (
        <>
          <h4 className="heading-xs">The child’s voice</h4>
          <ul className="plain-list">
            {pack.childVoice.map((v, i) => (
              <li key={i} className="share-pack__item">
                <strong>{v.child}</strong>
                {v.words ? <blockquote className="voice-entry__words">“{v.words}”</blockquote> : null}
                {v.wishes ? <p>Wishes: {v.wishes}</p> : null}
                {v.feelings ? <p>Feelings: {v.feelings}</p> : null}
                {v.observedBehaviour ? <p>Observed: {v.observedBehaviour}</p> : null}
                <p className="muted-strong small">
                  {v.howExpressed}; {v.where}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pack.omitted.length ? (
        <>
          <h4 className="heading-xs">Left out</h4>
          <ul className="share-pack__omitted" aria-label="Left out of the pack">
            {pack.omitted.map((o) => (
              <li key={o.id}>
                {titleFor ? `${titleFor(o.id)}: ` : ''}
                {OMITTED_WHY[o.why]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
