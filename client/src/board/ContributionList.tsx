import { Component, createRef, memo, startTransition, useDeferredValue, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { agencyName, mayCorrectEntry, ROLE_LABELS, SOURCE_LABELS, type Child, type ContributionContent, type ContributionEntry, type EntryVersion } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { useHighlightedIds } from './highlights.ts';
import { childFullName } from '../data/children.ts';
import { useConcernedNames } from './CasePeople.tsx';
import type { OutboxItem } from '../data/outbox.ts';
import { formatCalendarDate, formatDateTime, formatHappened, happenedSortKey } from '../data/time.ts';
import { Icons, KindBadge, PlainBadge, RestrictedBadge, TimeframeBadge } from '../components/Badges.tsx';
import { RadioGroup } from '../forms/fields.tsx';
import { draftKey, saveDraft } from '../data/drafts.ts';
import { draftFromContent } from './contributionDraft.ts';
import { contributionForm } from './LazyContributionForm.tsx';
import { isWithheld, latestContent, latestVersion, restrictedToText, withheldText } from './restricted.ts';

export type Order = 'newest' | 'happened';

/**
 * Code-unit order: for ISO-8601 UTC times and the sort keys of dates it is time order, and far
 * cheaper than localeCompare's collation (a long case sorts 1,000 entries on every change).
 */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortContributions(entries: readonly ContributionEntry[], order: Order): ContributionEntry[] {
  const list = [...entries];
  if (order === 'newest') return list.sort((a, b) => byCodeUnits(b.recordedAt, a.recordedAt) || byCodeUnits(b.id, a.id));
  // A withheld entry has no "when it happened" for this viewer: it sorts with the unknown dates.
  const happened = new Map(list.map((e) => [e, happenedSortKey(latestContent(e)?.happened)]));
  return list.sort((a, b) => byCodeUnits(happened.get(a)!, happened.get(b)!) || byCodeUnits(a.recordedAt, b.recordedAt));
}

function ContentDetails({ content, children }: { content: ContributionContent; children: Child[] }) {
  const about = content.childIds.map((id) => children.find((c) => c.id === id)).filter((c): c is Child => Boolean(c));
  const concerns = useConcernedNames(content.personIds);
  return (
    <>
      <p className="entry__text">{content.text}</p>
      <dl className="meta-list">
        <dt>Happened</dt>
        <dd>{formatHappened(content.happened)}</dd>
        <dt>Source</dt>
        <dd>{SOURCE_LABELS[content.source] ?? content.source}</dd>
        {content.agencyRecordedOn ? (
          <>
            <dt>Recorded by the agency</dt>
            <dd>{formatCalendarDate(content.agencyRecordedOn)}</dd>
          </>
        ) : null}
        {content.kind === 'opinion' ? (
          <>
            <dt>Basis</dt>
            <dd>{content.basis}</dd>
          </>
        ) : null}
        {content.timeframe === 'historic' ? (
          <>
            <dt>Why it is relevant now</dt>
            <dd>{content.relevance}</dd>
          </>
        ) : null}
        {about.length && about.length < children.length ? (
          <>
            <dt>About</dt>
            <dd>{about.map(childFullName).join(', ')}</dd>
          </>
        ) : null}
        {concerns ? (
          <>
            <dt>Concerns</dt>
            <dd>{concerns}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

function VersionHistory({ versions, children }: { versions: EntryVersion<ContributionContent>[]; children: Child[] }) {
  return (
    <details className="history">
      <summary>
        Version history <span className="muted">({versions.length} versions; earlier text is kept)</span>
      </summary>
      <ol className="history__list" reversed>
        {[...versions].reverse().map((v) => (
          <li key={v.version} className="history__item">
            <p className="history__head">
              <strong>Version {v.version}</strong>
              {v.version === versions.length ? ' (current)' : ''}, recorded {formatDateTime(v.recordedAt)} by {v.recordedBy.name} ({agencyName(v.recordedBy.agency)})
            </p>
            {v.reason ? (
              <p className="history__reason">
                <strong>Reason for correction:</strong> {v.reason}
              </p>
            ) : null}
            <div className="entry__badges">
              <KindBadge kind={v.content.kind} />
              <TimeframeBadge timeframe={v.content.timeframe} />
            </div>
            <ContentDetails content={v.content} children={children} />
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * An entry this viewer may not read: who (agency only) and when, and whom to ask. Nothing of its
 * content ever reaches this browser.
 */
const WithheldCard = memo(function WithheldCard({ entry, highlighted }: { entry: ContributionEntry; highlighted: boolean }) {
  const titleId = `entry-${entry.id}-title`;
  const { title, body } = withheldText(entry);
  return (
    <li className={`entry entry--withheld${highlighted ? ' entry--new' : ''}`} id={`entry-${entry.id}`} data-entry-id={entry.id}>
      <article aria-labelledby={titleId}>
        <header className="entry__header">
          <h3 id={titleId} className="entry__title">
            {title}
          </h3>
          <div className="entry__badges">
            {highlighted ? <PlainBadge tone="pending">New</PlainBadge> : null}
            <PlainBadge icon={Icons.lock}>Restricted</PlainBadge>
          </div>
        </header>
        <p className="entry__withheld">{body}</p>
      </article>
    </li>
  );
});

/** What a card asks of its list: the correction form is the list's, open on one card at a time. */
interface Corrections {
  open(entryId: string): void;
  /** The form closed, with a message to announce when it sent a correction. */
  close(entryId: string, message?: string): void;
  /** Put a refused correction back into the form, with the server's reason on screen. */
  editFailed(entryId: string, item: OutboxItem): void;
  discard(item: OutboxItem): void;
}

const correctButtonId = (entryId: string) => `entry-${entryId}-correct`;

/**
 * One contribution; drawn again only when its entry, highlight, corrections or form change. A long
 * case draws 1,000 of these: a card holds no state and reads no store, and says each thing once.
 */
const ContributionCard = memo(function ContributionCard({
  entry,
  caseId,
  children,
  highlighted,
  pendingCorrections,
  canCorrect,
  correcting,
  corrections,
}: {
  entry: ContributionEntry;
  caseId: string;
  children: Child[];
  highlighted: boolean;
  pendingCorrections: OutboxItem[];
  canCorrect: boolean;
  correcting: boolean;
  corrections: Corrections;
}) {
  const v = latestVersion(entry);
  if (!v) return null; // never: withheld entries are drawn by WithheldCard
  const corrected = entry.versions.length > 1;
  const titleId = `entry-${entry.id}-title`;
  const restriction = restrictedToText(entry.agency, entry.restrictedTo);
  const recordedAt = formatDateTime(entry.recordedAt);
  return (
    <li className={`entry entry--${v.content.kind}${highlighted ? ' entry--new' : ''}`} id={`entry-${entry.id}`} data-entry-id={entry.id}>
      <article aria-labelledby={titleId}>
        <header className="entry__header">
          <h3 id={titleId} className="entry__title">
            {/* The card's first word says what it is: a fact and an opinion never look alike. */}
            <span className={`entry__kind entry__kind--${v.content.kind}`}>{v.content.kind === 'opinion' ? 'Opinion' : 'Fact'}</span>
            <span className="visually-hidden">: </span>
            {agencyName(entry.agency)}
            <span className="entry__author">{` – ${entry.author.name}, ${ROLE_LABELS[entry.author.role] ?? entry.author.role}`}</span>
          </h3>
          <div className="entry__badges">
            {highlighted ? <PlainBadge tone="pending">New</PlainBadge> : null}
            <TimeframeBadge timeframe={v.content.timeframe} />
            {restriction ? <RestrictedBadge text={restriction} /> : null}
            {corrected ? (
              <PlainBadge icon={Icons.pencil}>
                Corrected<span className="visually-hidden"> ({entry.versions.length} versions)</span>
              </PlainBadge>
            ) : null}
          </div>
        </header>
        <ContentDetails content={v.content} children={children} />
        <p className="entry__recorded">{`Shared with the MASH ${recordedAt}${corrected ? `; corrected ${formatDateTime(v.recordedAt)} by ${v.recordedBy.name}` : ''}`}</p>
        {corrected ? <VersionHistory versions={entry.versions} children={children} /> : null}
        {pendingCorrections.map((item) => (
          <p key={item.commandId} className="pending-inline">
            {item.status === 'failed' ? (
              <>
                <PlainBadge tone="warning" icon={Icons.warning}>
                  Correction not sent
                </PlainBadge>{' '}
                {item.error?.message}{' '}
                <button type="button" className="button button--secondary button--small" onClick={() => corrections.editFailed(entry.id, item)}>
                  Edit and send again
                </button>{' '}
                <button type="button" className="button button--secondary button--small" onClick={() => corrections.discard(item)}>
                  Discard
                </button>
              </>
            ) : (
              <PlainBadge tone="pending" icon={Icons.clock}>
                Correction waiting to send
              </PlainBadge>
            )}
          </p>
        ))}
        {correcting ? (
          <contributionForm.Form caseId={caseId} children={children} entry={entry} onDone={(message) => corrections.close(entry.id, message)} onCancel={() => corrections.close(entry.id)} />
        ) : canCorrect ? (
          <button id={correctButtonId(entry.id)} type="button" className="button button--secondary button--small" onClick={() => corrections.open(entry.id)}>
            Correct
            <span className="visually-hidden">{` the contribution from ${entry.author.name}, recorded ${recordedAt}`}</span>
          </button>
        ) : null}
      </article>
    </li>
  );
});

/**
 * The correction form, open on one card at a time, and how it went: said in the list's status,
 * focus back on the card's Correct button.
 */
function useCorrections(caseId: string) {
  const { client } = useSession();
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [refocus, setRefocus] = useState<{ entryId: string } | null>(null);
  useLayoutEffect(() => {
    if (refocus) document.getElementById(correctButtonId(refocus.entryId))?.focus();
  }, [refocus]);
  const corrections = useMemo<Corrections>(
    () => ({
      open: (entryId) => setCorrecting(entryId),
      close: (entryId, sent) => {
        setCorrecting(null);
        if (sent !== undefined) setMessage(sent);
        setRefocus({ entryId });
      },
      editFailed: (entryId, item) => {
        const payload = item.payload as ContributionContent & { reason?: string };
        saveDraft(draftKey(client.user.userId, caseId, `correct:${entryId}`), { ...draftFromContent(payload), reason: payload.reason ?? '' });
        client.discard(item.commandId);
        setCorrecting(entryId);
      },
      discard: (item) => client.discard(item.commandId),
    }),
    [client, caseId],
  );
  return { user: client.user, correcting, message, corrections };
}

const NO_CORRECTIONS: OutboxItem[] = [];

/** More cards than fill a screen: what the first render draws of a long list. */
export const FIRST_SCREEN_ENTRIES = 30;

/**
 * How many entries to draw: a long list draws its first screen at once and the rest straight
 * after the first paint (a transition, which input can interrupt), so a case of 1,000 entries
 * shows its top immediately; the whole list is in the page moments later, for the keyboard, screen
 * readers and the browser's find. Printing before then draws it all first.
 */
function useDrawnCount(total: number): number {
  const [all, setAll] = useState(total <= FIRST_SCREEN_ENTRIES);
  useEffect(() => {
    if (all) return;
    startTransition(() => setAll(true));
    const drawAllNow = () => flushSync(() => setAll(true));
    window.addEventListener('beforeprint', drawAllNow);
    return () => window.removeEventListener('beforeprint', drawAllNow);
  }, [all]);
  return all ? total : FIRST_SCREEN_ENTRIES;
}

/**
 * The entries marked New: a highlight starts in the same render as the entry that brings it, and
 * ends in a background render the browser can interrupt, the cards staying as they were meanwhile.
 * A catch-up of 1,000 colleagues' entries ends 1,000 highlights at once: drawing those cards again
 * in one task would stall scrolling and typing.
 */
function useNewEntryIds(highlights: Record<string, number>): ReadonlySet<string> {
  const now = useHighlightedIds(highlights);
  const shown = useDeferredValue(now);
  for (const id of now) if (!shown.has(id)) return now; // one has started: show it at once
  return shown;
}

/** The entry at the top of the screen and where it was, to put it back there after entries are added. */
type ReadingPlace = { id: string; top: number };

/**
 * The list of entries, keeping the reader's place: when entries are added (someone else's arrives)
 * while the reader has scrolled into the list, the entry at the top of the screen stays where it is
 * on screen (no jump). A change of order is a new list: nothing to keep.
 *
 * A class because the place must be read from the page just before React changes it, and only
 * getSnapshotBeforeUpdate runs then: a read while rendering may belong to a render that commits
 * later or never (the long list is drawn in a transition), and an effect runs after the change.
 */
class ReadingPlaceKeeper extends Component<{ ids: readonly string[]; order: Order; children: ReactNode }> {
  private readonly list = createRef<HTMLOListElement>();

  override getSnapshotBeforeUpdate(before: Readonly<{ ids: readonly string[]; order: Order }>): ReadingPlace | null {
    const list = this.list.current;
    if (!list || before.order !== this.props.order) return null;
    const shown = new Set(before.ids);
    if (!this.props.ids.some((id) => !shown.has(id))) return null;
    if (list.getBoundingClientRect().top >= 0) return null; // the reader is at the list's top: new entries appear in view
    for (const li of list.querySelectorAll<HTMLElement>(':scope > li[data-entry-id]')) {
      const r = li.getBoundingClientRect();
      if (r.bottom > 0) return { id: li.dataset.entryId!, top: r.top };
    }
    return null;
  }

  override componentDidUpdate(_props: unknown, _state: unknown, place: ReadingPlace | null): void {
    const el = place && this.list.current?.querySelector<HTMLElement>(`:scope > li[data-entry-id="${CSS.escape(place.id)}"]`);
    if (!place || !el) return;
    const delta = el.getBoundingClientRect().top - place.top;
    if (Math.abs(delta) >= 1) window.scrollBy(0, delta);
  }

  override render() {
    return (
      <ol className="entries" ref={this.list} aria-label="Contributions">
        {this.props.children}
      </ol>
    );
  }
}

/**
 * The contributions, newest first or by when it happened. When someone else's entry arrives,
 * the entry the reader is looking at stays where it is on screen (no jump).
 */
export const ContributionList = memo(function ContributionList({
  caseId,
  entries,
  children,
  highlights,
  outbox,
  filtered = false,
}: {
  caseId: string;
  entries: ContributionEntry[];
  children: Child[];
  highlights: Record<string, number>;
  outbox: readonly OutboxItem[];
  /** The entries are the board's filtered ones (an empty list then means none match). */
  filtered?: boolean;
}) {
  const [order, setOrder] = useState<Order>('newest');
  // The form that adds and corrects contributions, fetched once the case is drawn (asked for while
  // the case was on its way, its code ran just as the case arrived) and then at once, not when the
  // browser is next idle: writing offline is how a change gets queued, and on a busy machine the
  // idle fetch came after the connection had dropped, so the form could not open.
  useEffect(() => void contributionForm.preload().catch(() => undefined), []);
  const sorted = useMemo(() => sortContributions(entries, order), [entries, order]);
  const highlighted = useNewEntryIds(highlights);
  const drawn = useDrawnCount(sorted.length);
  const { user, correcting, message, corrections } = useCorrections(caseId);
  const shown = drawn < sorted.length ? sorted.slice(0, drawn) : sorted;
  const ids = shown.map((e) => e.id);
  // Corrections waiting to send, by the entry they correct.
  const pending = useMemo(() => {
    const byEntry = new Map<string, OutboxItem[]>();
    for (const item of outbox) {
      if (item.caseId !== caseId || item.name !== 'contribution.correct') continue;
      const entryId = (item.payload as { entryId?: string }).entryId;
      if (entryId) byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), item]);
    }
    return byEntry;
  }, [outbox, caseId]);

  return (
    <>
      <RadioGroup<Order>
        id="contributions-order"
        name="contributions-order"
        legend="Order"
        inline
        small
        value={order}
        onChange={setOrder}
        className="order-toggle"
        options={[
          { value: 'newest', label: 'Newest first' },
          { value: 'happened', label: 'By when it happened' },
        ]}
      />
      {sorted.length === 0 ? (
        <p className="empty-state">{filtered ? 'No contributions match the filters.' : 'No contributions yet.'}</p>
      ) : (
        <ReadingPlaceKeeper ids={ids} order={order}>
          {shown.map((e) =>
            isWithheld(e) ? (
              <WithheldCard key={e.id} entry={e} highlighted={highlighted.has(e.id)} />
            ) : (
              <ContributionCard
                key={e.id}
                entry={e}
                caseId={caseId}
                children={children}
                highlighted={highlighted.has(e.id)}
                pendingCorrections={pending.get(e.id) ?? NO_CORRECTIONS}
                canCorrect={mayCorrectEntry(e, user)}
                correcting={correcting === e.id}
                corrections={corrections}
              />
            ),
          )}
        </ReadingPlaceKeeper>
      )}
      {/* There from the moment a correction form opens, so how it went is announced. */}
      {correcting || message ? (
        <p className="visually-hidden" role="status">
          {message}
        </p>
      ) : null}
    </>
  );
});
