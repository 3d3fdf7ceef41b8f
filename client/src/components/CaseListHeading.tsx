import { useLive } from '../data/session.ts';
import { hrefFor } from '../router.ts';

/** The heading of a page listing cases: its title, the New case button, and the list's live note for screen readers. */
export function CaseListHeading({ title }: { title: string }) {
  const live = useLive();
  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>{title}</h1>
        <a className="button" href={hrefFor({ page: 'new-case' })}>
          New case
        </a>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {live.caseListNote?.text ?? ''}
      </p>
    </>
  );
}
