/**
 * A share pack as the recipient receives it: a printable HTML page or a PDF. Both carry the
 * OFFICIAL-SENSITIVE marking, the case reference on every page, who asked for it (a request made
 * to the MASH), with whom it is shared, who decided to share and why, under which information-
 * sharing advice, and each item's agency, fact or opinion (with its basis), current or historic
 * (with its relevance), when it happened and its source.
 */
import { agencyName, formatUkDate, formatUkDateTime, formatUkHappened, LAWFUL_BASIS_LABELS, partyText, SHARING_ADVICE, type SharePack, type SharingDecision } from '@mashboard/shared';
import { escapeHtml, htmlDocument, pdfDocument, userText } from '../documents.ts';

/** The decision's lines at the head of the pack, in the order both formats print them (a request made to us shares with whoever asked: the server records them as its recipient). */
function decisionLines(decision: SharingDecision): [label: string, text: string][] {
  return [
    ...(decision.requester ? [['Asked by', partyText(decision.requester)] as [string, string]] : []),
    ['Shared with', decision.recipient ? partyText(decision.recipient) : 'Not recorded'],
    ['Purpose', decision.purpose],
    ['Lawful basis', decision.lawfulBases.map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') || 'None named'],
    ['Decided by', `${decision.decidedBy.name}, ${agencyName(decision.decidedBy.agency)}, ${formatUkDateTime(decision.decidedAt)}`],
    ['Made under', SHARING_ADVICE[decision.advice]],
  ];
}

export function renderSharePackHtml(pack: SharePack, decision: SharingDecision, exportId: string): string {
  const e = escapeHtml;
  const u = userText;
  const line = (label: string, value: string) => `<p><strong>${e(label)}:</strong> ${value}</p>`;
  const items = pack.items
    .map(
      (i) => `<article class="item">
  <h3>${e(`${i.kind} · ${i.timeframe} · ${i.agency} · ${i.source}`)}${i.restricted ? ' · RESTRICTED: shared by decision' : ''}</h3>
  <p class="small">Happened: ${e(formatUkHappened(i.happened))} · Recorded: ${e(formatUkDateTime(i.recordedAt))}</p>
  <p dir="auto">${e(i.text)}</p>
  ${i.basis ? line('Opinion based on', u(i.basis)) : ''}
  ${i.relevance ? line('Why it matters now', u(i.relevance)) : ''}
</article>`,
    )
    .join('\n');
  const voice = pack.childVoice
    .map(
      (v) => `<article class="item">
  <h3>${u(v.child)} · ${e(v.howExpressed)} · ${u(v.where)}</h3>
  ${v.words ? `<blockquote dir="auto">${e(v.words)}</blockquote>` : ''}
  ${v.wishes ? line('Wishes', u(v.wishes)) : ''}${v.feelings ? line('Feelings', u(v.feelings)) : ''}${v.observedBehaviour ? line('Observed', u(v.observedBehaviour)) : ''}
</article>`,
    )
    .join('\n');
  const children = pack.children
    .map((c) => `<tr><td>${u(c.name)}</td><td>${e(c.dateOfBirth ? formatUkDate(c.dateOfBirth) : c.expectedDateOfBirth ? `Unborn, due ${formatUkDate(c.expectedDateOfBirth)}` : 'Not known')}</td></tr>`)
    .join('');
  const body = `<h1>Information shared: ${e(pack.caseReference)}</h1>
<table><thead><tr><th scope="col">Child</th><th scope="col">Date of birth</th></tr></thead><tbody>${children}</tbody></table>
${decisionLines(decision)
  .map(([label, text]) => line(label, u(text)))
  .join('\n')}
${pack.referral.referrer ? line('Referrer', u(pack.referral.referrer)) : ''}
<p class="note">Facts and opinions are kept apart: each item says which it is. Share this only with those who need it.</p>
<h2>Information</h2>
${items || '<p>No agency information in this pack.</p>'}
${voice ? `<h2>The child's voice</h2>\n${voice}` : ''}`;
  return htmlDocument(`${pack.caseReference} – information shared`, pack.caseReference, exportId, body);
}

/** The same pack as a PDF (A4, tagged), with the marking and reference on every page. */
export function renderSharePackPdf(pack: SharePack, decision: SharingDecision, exportId: string): Promise<Buffer> {
  return pdfDocument(`${pack.caseReference} – information shared`, pack.caseReference, exportId, (pdf) => {
    pdf.heading(1, `Information shared: ${pack.caseReference}`);
    pdf.table(
      ['Child', 'Date of birth'],
      pack.children.map((c) => [c.name, c.dateOfBirth ? formatUkDate(c.dateOfBirth) : c.expectedDateOfBirth ? `Unborn, due ${formatUkDate(c.expectedDateOfBirth)}` : 'Not known']),
      [3, 2],
    );
    for (const [label, text] of decisionLines(decision)) pdf.line(label, text);
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
