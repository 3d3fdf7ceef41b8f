/**
 * Under each decision on the sharing page: its share pack's exports (downloaded from the server,
 * which records every one, through a Blob URL) and recording a new decision instead. The board's
 * short log shows neither, so it does not load them.
 */
import type { CaseSummary, SharingDecision } from '@mashboard/shared';
import { screensApi } from '../../data/screensApi.ts';
import { DownloadButtons, openPrintable, saveDownload } from '../../components/DownloadButtons.tsx';
import { decisionHeadline } from '../SharingLog.tsx';

function ExportButtons({ caseId, decision }: { caseId: string; decision: SharingDecision }) {
  const pack = (format: 'pdf' | 'html') => screensApi.exportSharePack(caseId, decision.id, format);
  return (
    <DownloadButtons
      className="sharing-exports"
      hint="Every export is recorded on the case and in the audit log, with your name and the time."
      of="of the share pack"
      recorded="on the case"
      actions={[
        { key: 'pdf', label: 'Download PDF', run: () => saveDownload(pack('pdf')) },
        { key: 'html', label: 'Download HTML', run: () => saveDownload(pack('html')) },
        { key: 'open', label: 'Open printable page', busyLabel: 'Opening…', newTab: true, run: () => openPrintable(() => pack('html')) },
      ]}
    />
  );
}

export function DecisionActions({ summary, decision, onSupersede }: { summary: CaseSummary; decision: SharingDecision; onSupersede: (d: SharingDecision) => void }) {
  const d = decision;
  return (
    <>
      {d.decision === 'share' && !d.supersededBy ? <ExportButtons caseId={summary.id} decision={d} /> : null}
      {!d.supersededBy && summary.status !== 'closed' ? (
        <button type="button" className="button button--secondary button--small" onClick={() => onSupersede(d)}>
          Record a new decision instead<span className="visually-hidden"> of: {decisionHeadline(d)}</span>
        </button>
      ) : null}
    </>
  );
}
