/** The board's side panel of sharing decisions: the log in short, live, and the way to the full page. */
import type { CaseSummary } from '@mashboard/shared';
import { hrefFor } from '../router.ts';
import { SharingLog } from './SharingLog.tsx';

export function SharingPanel({ summary }: { summary: CaseSummary }) {
  const current = summary.sharingDecisions.filter((d) => !d.supersededBy).length;
  return (
    <section className="panel sharing-panel" aria-labelledby="sharing-panel-title">
      <div className="panel__head">
        <h2 id="sharing-panel-title" className="panel__title">
          Sharing decisions <span className="count">({current})</span>
        </h2>
        <a className="panel__link" href={hrefFor({ page: 'case-sharing', caseId: summary.id })}>
          Record a sharing decision
        </a>
      </div>
      <SharingLog summary={summary} compact />
      {summary.sharingDecisions.length ? (
        <p>
          <a href={hrefFor({ page: 'case-sharing', caseId: summary.id })}>Open the full sharing log and exports</a>
        </p>
      ) : null}
    </section>
  );
}
