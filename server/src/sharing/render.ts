/**
 * A share pack as the recipient receives it: a printable HTML page or a PDF. Both carry the
 * OFFICIAL-SENSITIVE marking, the case reference on every page, who decided to share and why,
 * and each item's agency, fact or opinion (with its basis), current or historic (with its
 * relevance), when it happened and its source.
 */
import { agencyName, formatUkDate, formatUkDateTime, formatUkHappened, LAWFUL_BASIS_LABELS, type SharePack, type SharingDecision } from '@mashboard/shared';
import { escapeHtml, htmlDocument, pdfDocument } from '../documents.ts';

function recipientText(decision: SharingDecision): string {
  const r = decision.recipient;
  if (!r) return '';
  return [r.person, r.role, r.organisation ?? (r.agency ? agencyName(r.agency) : undefined)].filter(Boolean).join(', ');
}

export function renderSharePackHtml(pack: SharePack, decision: SharingDecision, exportId: string): string {
  const e = escapeHtml;
  const items = pack.items
    .map(
      (i) => `<article class="item">
  <p class="tags"><strong>${e(i.kind.toUpperCase())}</strong> · ${e(i.timeframe.toUpperCase())} · ${e(i.agency)} · ${e(i.source)}${i.restricted ? ' · <strong>RESTRICTED: shared by decision</strong>' : ''}</p>
  <p class="when">Happened: ${e(formatUkHappened(i.happened))} · Recorded: ${e(formatUkDateTime(i.recordedAt))}</p>
  <p>${e(i.text)}</p>
  ${i.basis ? `<p class="basis"><strong>Opinion based on:</strong> ${e(i.basis)}</p>` : ''}
  ${i.relevance ? `<p class="basis"><strong>Why it matters now:</strong> ${e(i.relevance)}</p>` : ''}
</article>`,
    )
    .join('\n');
  const voice = pack.childVoice
    .map((v) => `<article class="item"><p class="tags"><strong>CHILD'S VOICE</strong> · ${e(v.child)} · ${e(v.howExpressed)} · ${e(v.where)}</p>${v.words ? `<blockquote>“${e(v.words)}”</blockquote>` : ''}${v.wishes ? `<p>Wishes: ${e(v.wishes)}</p>` : ''}${v.feelings ? `<p>Feelings: ${e(v.feelings)}</p>` : ''}${v.observedBehaviour ? `<p>Observed: ${e(v.observedBehaviour)}</p>` : ''}</article>`)
    .join('\n');
  const body = `<h1>Information shared: ${e(pack.caseReference)}</h1>
<dl>
  <dt>Children</dt><dd>${pack.children.map((c) => e(`${c.name}${c.dateOfBirth ? ` (born ${formatUkDate(c.dateOfBirth)})` : c.expectedDateOfBirth ? ` (unborn, due ${formatUkDate(c.expectedDateOfBirth)})` : ''}`)).join('; ')}</dd>
  <dt>Shared with</dt><dd>${e(recipientText(decision))}</dd>
  <dt>Purpose</dt><dd>${e(decision.purpose)}</dd>
  <dt>Lawful basis</dt><dd>${decision.lawfulBases.map((b) => e(LAWFUL_BASIS_LABELS[b])).join('; ') || 'Consent'}</dd>
  <dt>Decided by</dt><dd>${e(`${decision.decidedBy.name}, ${agencyName(decision.decidedBy.agency)}, ${formatUkDateTime(decision.decidedAt)}`)}</dd>
  ${pack.referral.referrer ? `<dt>Referrer</dt><dd>${e(pack.referral.referrer)}</dd>` : ''}
</dl>
<p>Facts and opinions are kept apart: each item says which it is. Share this only with those who need it.</p>
<h2>Information</h2>
${items || '<p>No agency information in this pack.</p>'}
${voice ? `<h2>The child's voice</h2>\n${voice}` : ''}`;
  return htmlDocument(`${pack.caseReference} – information shared`, pack.caseReference, exportId, body);
}

/** The same pack as a PDF (A4, tagged), with the marking and reference on every page. */
export function renderSharePackPdf(pack: SharePack, decision: SharingDecision, exportId: string): Promise<Buffer> {
  return pdfDocument(`${pack.caseReference} – information shared`, pack.caseReference, exportId, (pdf) => {
    pdf.heading(1, `Information shared: ${pack.caseReference}`);
    pdf.table(['Child', 'Date of birth'], pack.children.map((c) => [c.name, c.dateOfBirth ? formatUkDate(c.dateOfBirth) : c.expectedDateOfBirth ? `Unborn, due ${formatUkDate(c.expectedDateOfBirth)}` : 'Not known']), [3, 2]);
    pdf.line('Shared with', recipientText(decision));
    pdf.line('Purpose', decision.purpose);
    pdf.line('Lawful basis', decision.lawfulBases.map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') || 'Consent');
    pdf.line('Decided by', `${decision.decidedBy.name}, ${agencyName(decision.decidedBy.agency)}, ${formatUkDateTime(decision.decidedAt)}`);
    if (pack.referral.referrer) pdf.line('Referrer', pack.referral.referrer);
    pdf.paragraph('Facts and opinions are kept apart: each item says which it is. Share this only with those who need it.', { italic: true });

    pdf.heading(2, 'Information');
    if (pack.items.length === 0) pdf.paragraph('No agency information in this pack.');
    for (const i of pack.items) {
      pdf.heading(3, `${i.kind} · ${i.timeframe} · ${i.agency} · ${i.source}${i.restricted ? ' · RESTRICTED: shared by decision' : ''}`);
      pdf.paragraph(`Happened: ${formatUkHappened(i.happened)} · Recorded: ${formatUkDateTime(i.recordedAt)}`, { small: true });
      pdf.paragraph(i.text);
      if (i.basis) pdf.line('Opinion based on', i.basis);
      if (i.relevance) pdf.line('Why it matters now', i.relevance);
    }
    if (pack.childVoice.length > 0) {
      pdf.heading(2, "The child's voice");
      for (const v of pack.childVoice) {
        pdf.heading(3, `${v.child} · ${v.howExpressed} · ${v.where}`);
        if (v.words) pdf.quote(v.words);
        if (v.wishes) pdf.line('Wishes', v.wishes);
        if (v.feelings) pdf.line('Feelings', v.feelings);
        if (v.observedBehaviour) pdf.line('Observed', v.observedBehaviour);
      }
    }
  });
}
