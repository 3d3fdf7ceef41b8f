import { useSession } from '../data/session.ts';
import type { OutboxItem } from '../data/outbox.ts';
import { formatDateTime } from '../data/time.ts';
import { Icons, PlainBadge } from '../components/Badges.tsx';

/** A command still in the outbox: waiting to send, or refused (with a way to fix or drop it). */
export function PendingItem({ item, onEdit }: { item: OutboxItem; onEdit?: (item: OutboxItem) => void }) {
  const { client } = useSession();
  const text = (item.payload as { text?: string; words?: string; explanation?: string }).text ?? (item.payload as { words?: string }).words ?? (item.payload as { explanation?: string }).explanation;
  const failed = item.status === 'failed';
  return (
    <div className={`pending-item${failed ? ' pending-item--failed' : ''}`}>
      <p className="pending-item__head">
        {failed ? (
          <PlainBadge tone="warning" icon={Icons.warning}>
            Not sent
          </PlainBadge>
        ) : (
          <PlainBadge tone="pending" icon={Icons.clock}>
            Waiting to send
          </PlainBadge>
        )}{' '}
        <strong>{item.label}</strong>, saved {formatDateTime(item.createdAt)}
      </p>
      {text ? <p className="pending-item__text">{text}</p> : null}
      {failed ? (
        <>
          <p className="field-error">
            <span className="visually-hidden">Error:</span> {item.error?.message ?? 'The server refused it.'}
            {item.error?.issues?.length ? ` (${item.error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')})` : ''}
          </p>
          <div className="button-group button-group--tight">
            {onEdit ? (
              <button type="button" className="button button--secondary button--small" onClick={() => onEdit(item)}>
                Edit and send again
              </button>
            ) : null}
            {item.error?.code === 'internal' || item.error?.code === 'rate-limited' || item.error?.code === 'unavailable' ? (
              <button type="button" className="button button--secondary button--small" onClick={() => client.retry(item.commandId)}>
                Try again
              </button>
            ) : null}
            <button type="button" className="button button--secondary button--small" onClick={() => client.discard(item.commandId)}>
              Discard
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
