/**
 * The sharing form's state, shared by its pages: the draft (kept on this device), which page shows,
 * and the issues each shows. Each page is checked on Continue; the check page shows every issue
 * once the decision is submitted, and the server's, as the other forms do.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CaseView, FieldIssue } from '@mashboard/shared';
import { draftKey, usePersistentDraft } from '../../data/drafts.ts';
import { useSession } from '../../data/session.ts';
import { emptySharingDraft, pageIssues, pageOfPath, sharingDraftIssues, sharingPages, type SharingDraft, type SharingPage } from '../../data/sharing.ts';
import { useDraftForm } from '../../forms/useCommandForm.ts';

/** What every page of the form is given. */
export interface PageProps {
  draft: SharingDraft;
  /** Change answers. */
  set: (patch: Partial<SharingDraft>) => void;
  /** The error a field shows, if any. */
  err: (path: string) => string | undefined;
  /** The page's question as its heading (focused when the page shows). */
  title: (text: ReactNode) => ReactNode;
}

/** The first page still lacking an answer, or the summary when every page is done. */
function firstIncomplete(draft: SharingDraft, agency: string): SharingPage {
  const pages = sharingPages(draft);
  return pages.find((p) => p !== 'check' && pageIssues(draft, p, agency).length > 0) ?? pages[pages.length - 1]!;
}

export function useSharingForm(view: CaseView, initial: SharingDraft | undefined) {
  const { client } = useSession();
  const agency = client.user.agency;
  const { draft, update, reset, restored } = usePersistentDraft<SharingDraft>(
    draftKey(client.user.userId, view.summary.id, initial?.supersedes ? `sharing:${initial.supersedes}` : 'sharing'),
    () => initial ?? emptySharingDraft(),
  );
  const [page, setPage] = useState<SharingPage>(() => (restored || initial ? firstIncomplete(draft, agency) : sharingPages(draft)[0]!));
  /** Came here by "Change" on the summary: Continue goes back to it. */
  const [returning, setReturning] = useState(false);
  /** Continue was pressed on this page with something missing: its errors show. */
  const [attempted, setAttempted] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const pages = sharingPages(draft);
  // An earlier answer changed so this page is no longer reached: go to the first one still to answer.
  const current: SharingPage = pages.includes(page) ? page : firstIncomplete(draft, agency);
  const checking = current === 'check';
  const allIssues = useMemo(() => sharingDraftIssues(draft, agency), [draft, agency]);
  const issuesHere = checking ? [] : allIssues.filter((i) => pageOfPath(draft, i.path) === current);
  const form = useDraftForm(checking ? allIssues : []);
  const shownIssues: FieldIssue[] = checking ? form.issues : attempted ? issuesHere : [];

  useEffect(() => {
    // Each new page is announced by moving focus to its question (not on first showing the form).
    if (moved.current) heading.current?.focus();
  }, [current]);

  function go(to: SharingPage) {
    moved.current = true;
    setAttempted(false);
    setPage(to);
  }

  /** Continue: to the next page once this one is complete (back to the summary after a "Change"). */
  function next(e: FormEvent) {
    e.preventDefault();
    if (issuesHere.length) {
      setAttempted(true);
      setFocusKey((k) => k + 1);
      return;
    }
    if (returning) {
      const missing = firstIncomplete(draft, agency);
      if (missing === 'check') setReturning(false);
      go(missing);
      return;
    }
    go(pages[pages.indexOf(current) + 1] ?? 'check');
  }

  function back() {
    const at = pages.indexOf(current);
    if (at <= 0) return;
    go(returning ? 'check' : pages[at - 1]!);
    if (returning) setReturning(false);
  }

  /** "Change" on the summary: that page, then back to the summary. */
  function change(to: SharingPage) {
    setReturning(true);
    go(to);
  }

  return {
    draft,
    reset,
    pages,
    current,
    /** Say the draft was restored, on the page it reopened at. */
    showRestored: restored && pages.indexOf(current) === pages.indexOf(firstIncomplete(draft, agency)),
    heading,
    /** Submitting the decision from the check page. */
    form,
    shownIssues,
    focusKey: checking ? form.focusKey : focusKey,
    err: (path: string) => shownIssues.find((i) => i.path === path)?.message,
    set: (patch: Partial<SharingDraft>) => {
      form.changed();
      update(patch);
    },
    next,
    back,
    change,
  };
}
