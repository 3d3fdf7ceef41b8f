import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { filterBoardEntries, type BoardEntry, type ContributionContent, type ContributionEntry } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { draftKey, loadDraft, saveDraft } from '../data/drafts.ts';
import type { OutboxItem } from '../data/outbox.ts';
import { hrefFor } from '../router.ts';
import { CaseHeader } from '../board/CaseHeader.tsx';
import { VoicePanel } from '../board/VoicePanel.tsx';
import { draftFromContent } from '../board/contributionDraft.ts';
import { contributionForm } from '../board/LazyContributionForm.tsx';
import { ContributionList } from '../board/ContributionList.tsx';
import { BoardFilters, NO_BOARD_FILTER, toBoardFilter, type BoardFilterState } from '../board/BoardFilters.tsx';
import { PendingItem } from '../board/PendingItem.tsx';
import { TimelinessPanel } from '../board/TimelinessPanel.tsx';
import { DecisionPanel } from '../board/DecisionPanel.tsx';
import { DASHBOARD_HOME } from '../data/roles.ts';
import { useFocusLater } from '../forms/focus.ts';
import { CaseNav } from '../board/CaseNav.tsx';
import { SharingPanel } from '../board/SharingPanel.tsx';
import { PreviousInvolvementNotice } from '../board/PreviousInvolvement.tsx';
import { RetentionPanel } from '../board/RetentionPanel.tsx';
import { PeoplePanel } from '../board/PeoplePanel.tsx';
import { CasePeople } from '../board/CasePeople.tsx';
import '../people.css';

const isContribution = (e: BoardEntry): e is ContributionEntry => e.kind === 'contribution';
const NO_HIGHLIGHTS: Record<string, number> = {};

export function CaseBoardPage({ caseId }: { caseId: string }) {
  const { client } = useSession();
  const live = useLive();
  const addKey = draftKey(client.user.userId, caseId, 'contribution');
  const [formOpen, setFormOpen] = useState(() => loadDraft(addKey) !== null);
  const [formKey, setFormKey] = useState(0);
  const [message, setMessage] = useState('');
  const [boardFilter, setBoardFilter] = useState<BoardFilterState>(NO_BOARD_FILTER);
  // After the form closes (sent, queued or cancelled) focus goes back to where the person started.
  const { ref: newButton, focusLater: focusNewButton } = useFocusLater<HTMLButtonElement>();

  useEffect(() => {
    client.openCase(caseId);
    return () => client.closeCase(caseId);
  }, [client, caseId]);

  const state = live.cases[caseId];
  // The first copy of the case draws every panel: it is drawn in the background, in slices the
  // browser can interrupt ("Loading the case…" staying meanwhile), since on a slow phone it would
  // otherwise hold the page for a third of a second. Every later copy is drawn at once, so the
  // board never lags what the header says (Live means the board is current).
  const current = state?.view ?? null;
  const firstDrawn = useDeferredValue(current !== null);
  const view = firstDrawn ? current : null;
  const reference = view?.summary.reference;
  // The board re-renders on every change to the live state (the connection, toasts, alerts,
  // presence): what it hands the long list stays the same object until the case itself changes,
  // so the list and its cards render again only for what changed.
  const entries = view?.entries;
  const contributions = useMemo(() => (entries ?? []).filter(isContribution), [entries]);
  const shownContributions = useMemo(() => filterBoardEntries(contributions, toBoardFilter(boardFilter)), [contributions, boardFilter]);
  const allOutbox = live.outbox;
  const outbox = useMemo(() => allOutbox.filter((i) => i.caseId === caseId), [allOutbox, caseId]);
  const people = view?.summary.people;
  const children = view?.summary.children;
  const casePeople = useMemo(() => ({ people: people ?? [], children: children ?? [] }), [people, children]);
  useEffect(() => {
    document.title = reference ? `${reference} – case board – Mashboard` : 'Case board – Mashboard';
  }, [reference]);

  const back = (
    <p className="back-link-wrap">
      <a className="back-link" href={hrefFor({ page: 'home' })}>
        <span aria-hidden="true">‹ </span>
        {DASHBOARD_HOME.has(client.user.role) ? 'Back to the dashboard' : 'Back to my work'}
      </a>
    </p>
  );

  if (!view) {
    if (state?.error) {
      const notFound = state.error.code === 'not-found';
      const forbidden = state.error.code === 'forbidden';
      const gone = state.error.code === 'gone';
      return (
        <>
          {back}
          <h1 tabIndex={-1}>{gone ? 'Case erased' : notFound ? 'Case not found' : forbidden ? 'You cannot see this case' : 'The case could not be loaded'}</h1>
          <p>{state.error.message}</p>
        </>
      );
    }
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-loading="">
          Case board
        </h1>
        <p role="status">Loading the case…</p>
      </>
    );
  }

  const pendingAdds = outbox.filter((i) => i.name === 'contribution.add');

  function editFailed(item: OutboxItem) {
    saveDraft(addKey, draftFromContent(item.payload as ContributionContent));
    client.discard(item.commandId);
    setFormKey((k) => k + 1);
    setFormOpen(true);
  }

  return (
    <>
      {back}
      <p className="visually-hidden" role="status" aria-live="polite">
        {state?.note?.text ?? ''}
      </p>
      <CaseHeader summary={view.summary} viewers={state?.viewers ?? []} />
      <CaseNav caseId={caseId} current="board" />
      <PreviousInvolvementNotice caseId={caseId} />
      <CasePeople.Provider value={casePeople}>
        <div className="board">
          <VoicePanel caseId={caseId} view={view} highlights={state?.highlights ?? NO_HIGHLIGHTS} outbox={outbox} />
          <section className="panel contributions" aria-labelledby="contributions-title">
            <div className="panel__head">
              <h2 id="contributions-title" className="panel__title">
                Contributions <span className="count">({contributions.length})</span>
              </h2>
              {!formOpen ? (
                <button
                  ref={newButton}
                  type="button"
                  className="button"
                  onClick={() => {
                    setMessage('');
                    setFormOpen(true);
                  }}
                >
                  New contribution
                </button>
              ) : null}
            </div>
            <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
              {message}
            </div>
            {formOpen ? (
              <contributionForm.Form
                key={formKey}
                caseId={caseId}
                children={view.summary.children}
                onDone={(m) => {
                  setFormOpen(false);
                  setMessage(m);
                  focusNewButton();
                }}
                onCancel={() => {
                  setFormOpen(false);
                  focusNewButton();
                }}
              />
            ) : null}
            {pendingAdds.length ? (
              <div className="pending-list" role="region" aria-label="Contributions waiting to send">
                {pendingAdds.map((item) => (
                  <PendingItem key={item.commandId} item={item} onEdit={editFailed} />
                ))}
              </div>
            ) : null}
            {contributions.length ? (
              <BoardFilters
                entries={contributions}
                shown={shownContributions.length}
                children={view.summary.children}
                people={view.summary.people ?? []}
                filter={boardFilter}
                onChange={setBoardFilter}
              />
            ) : null}
            <ContributionList
              caseId={caseId}
              entries={shownContributions}
              filtered={shownContributions.length < contributions.length}
              children={view.summary.children}
              highlights={state?.highlights ?? NO_HIGHLIGHTS}
              outbox={outbox}
            />
          </section>
          <DecisionPanel summary={view.summary} />
          <PeoplePanel summary={view.summary} />
          <TimelinessPanel summary={view.summary} contributions={contributions} />
          <SharingPanel summary={view.summary} />
          <RetentionPanel summary={view.summary} />
        </div>
      </CasePeople.Provider>
    </>
  );
}
