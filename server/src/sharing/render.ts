/**
 * A share pack as the recipient receives it: a printable HTML page or a PDF. Both carry the
 * OFFICIAL-SENSITIVE marking, the case reference on every page, who decided to share and why,
 * and each item's agency, fact or opinion (with its basis), current or historic (with its
 * relevance), when it happened and its source.
 */
import PDFDocument from 'pdfkit';
import { agencyName, formatUkDateTime, LAWFUL_BASIS_LABELS, type Happened, type SharePack, type SharingDecision } from '@mashboard/shared';

const MARKING = 'OFFICIAL-SENSITIVE';

function happenedText(h: Happened): string {
  if (h.precision === 'unknown' || !h.date) return 'Date not known';
  const [y, m, d] = h.date.split('-');
  const date = `${d}/${m}/${y}`;
  return `${h.precision === 'approximate' ? 'About ' : ''}${date}${h.time ? ` ${h.time}` : ''}`;
}

function recipientText(decision: SharingDecision): string {
  const r = decision.recipient;
  if (!r) return '';
  return [r.person, r.role, r.organisation ?? (r.agency ? agencyName(r.agency) : undefined)].filter(Boolean).join(', ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderSharePackHtml(pack: SharePack, decision: SharingDecision, exportId: string): string {
  const e = escapeHtml;
  const items = pack.items
    .map(
      (i) => `<article class="item">
  <p class="tags"><strong>${e(i.kind.toUpperCase())}</strong> · ${e(i.timeframe.toUpperCase())} · ${e(i.agency)} · ${e(i.source)}${i.restricted ? ' · <strong>RESTRICTED: shared by decision</strong>' : ''}</p>
  <p class="when">Happened: ${e(happenedText(i.happened))} · Recorded: ${e(formatUkDateTime(new Date(i.recordedAt)))}</p>
  <p>${e(i.text)}</p>
  ${i.basis ? `<p class="basis"><strong>Opinion based on:</strong> ${e(i.basis)}</p>` : ''}
  ${i.relevance ? `<p class="basis"><strong>Why it matters now:</strong> ${e(i.relevance)}</p>` : ''}
</article>`,
    )
    .join('\n');
  const voice = pack.childVoice
    .map((v) => `<article class="item"><p class="tags"><strong>CHILD'S VOICE</strong> · ${e(v.child)} · ${e(v.howExpressed)} · ${e(v.where)}</p>${v.words ? `<blockquote>“${e(v.words)}”</blockquote>` : ''}${v.wishes ? `<p>Wishes: ${e(v.wishes)}</p>` : ''}${v.feelings ? `<p>Feelings: ${e(v.feelings)}</p>` : ''}${v.observedBehaviour ? `<p>Observed: ${e(v.observedBehaviour)}</p>` : ''}</article>`)
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(pack.caseReference)} – information shared</title>
<style>
  body { font: 12pt/1.45 system-ui, sans-serif; color: #0b0c0c; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
  .marking { text-align: center; font-weight: 700; letter-spacing: .08em; border: 2px solid #0b0c0c; padding: .2rem; }
  h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #b1b4b6; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 700; }
  .item { border-left: 4px solid #0b0c0c; padding: .2rem .8rem; margin: .8rem 0; break-inside: avoid; }
  .tags, .when { margin: 0; font-size: .9rem; } .basis { font-size: .95rem; }
  blockquote { margin: .4rem 0; font-size: 1.05rem; }
  footer { margin-top: 2rem; font-size: .85rem; color: #505a5f; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print { body { margin: 0; } .marking { position: running(marking); } }
</style></head>
<body>
<p class="marking">${MARKING}</p>
<h1>Information shared: ${e(pack.caseReference)}</h1>
<dl>
  <dt>Children</dt><dd>${pack.children.map((c) => e(`${c.name}${c.dateOfBirth ? ` (born ${c.dateOfBirth})` : c.expectedDateOfBirth ? ` (unborn, due ${c.expectedDateOfBirth})` : ''}`)).join('; ')}</dd>
  <dt>Shared with</dt><dd>${e(recipientText(decision))}</dd>
  <dt>Purpose</dt><dd>${e(decision.purpose)}</dd>
  <dt>Lawful basis</dt><dd>${decision.lawfulBases.map((b) => e(LAWFUL_BASIS_LABELS[b])).join('; ') || 'Consent'}</dd>
  <dt>Decided by</dt><dd>${e(`${decision.decidedBy.name}, ${agencyName(decision.decidedBy.agency)}, ${formatUkDateTime(new Date(decision.decidedAt))}`)}</dd>
  ${pack.referral.referrer ? `<dt>Referrer</dt><dd>${e(pack.referral.referrer)}</dd>` : ''}
</dl>
<p>Facts and opinions are kept apart: each item says which it is. Share this only with those who need it.</p>
<h2>Information</h2>
${items || '<p>No agency information in this pack.</p>'}
${voice ? `<h2>The child's voice</h2>\n${voice}` : ''}
<footer>${MARKING} · ${e(pack.caseReference)} · export ${e(exportId)} · produced by Mashboard</footer>
</body></html>`;
}

/** The same pack as a PDF (A4), with the marking and reference on every page. */
export function renderSharePackPdf(pack: SharePack, decision: SharingDecision, exportId: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 56, right: 56 }, bufferPages: true, info: { Title: `${pack.caseReference} – information shared`, Author: 'Mashboard' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(18).text(`Information shared: ${pack.caseReference}`);
    doc.moveDown(0.5).font('Helvetica').fontSize(10);
    const line = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
    line('Children', pack.children.map((c) => `${c.name}${c.dateOfBirth ? ` (born ${c.dateOfBirth})` : c.expectedDateOfBirth ? ` (unborn, due ${c.expectedDateOfBirth})` : ''}`).join('; '));
    line('Shared with', recipientText(decision));
    line('Purpose', decision.purpose);
    line('Lawful basis', decision.lawfulBases.map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') || 'Consent');
    line('Decided by', `${decision.decidedBy.name}, ${agencyName(decision.decidedBy.agency)}, ${formatUkDateTime(new Date(decision.decidedAt))}`);
    if (pack.referral.referrer) line('Referrer', pack.referral.referrer);
    doc.moveDown().font('Helvetica-Oblique').text('Facts and opinions are kept apart: each item says which it is. Share this only with those who need it.');

    doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Information');
    if (pack.items.length === 0) doc.font('Helvetica').fontSize(10).text('No agency information in this pack.');
    for (const i of pack.items) {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(`${i.kind.toUpperCase()} · ${i.timeframe.toUpperCase()} · ${i.agency} · ${i.source}${i.restricted ? ' · RESTRICTED: shared by decision' : ''}`);
      doc.font('Helvetica').fontSize(9).fillColor('#333333').text(`Happened: ${happenedText(i.happened)} · Recorded: ${formatUkDateTime(new Date(i.recordedAt))}`).fillColor('black');
      doc.fontSize(10).text(i.text);
      if (i.basis) doc.font('Helvetica-Bold').text('Opinion based on: ', { continued: true }).font('Helvetica').text(i.basis);
      if (i.relevance) doc.font('Helvetica-Bold').text('Why it matters now: ', { continued: true }).font('Helvetica').text(i.relevance);
    }
    if (pack.childVoice.length > 0) {
      doc.moveDown().font('Helvetica-Bold').fontSize(13).text("The child's voice");
      for (const v of pack.childVoice) {
        doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(`${v.child} · ${v.howExpressed} · ${v.where}`);
        if (v.words) doc.font('Helvetica-Oblique').text(`“${v.words}”`);
        doc.font('Helvetica');
        if (v.wishes) doc.text(`Wishes: ${v.wishes}`);
        if (v.feelings) doc.text(`Feelings: ${v.feelings}`);
        if (v.observedBehaviour) doc.text(`Observed: ${v.observedBehaviour}`);
      }
    }

    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      doc.font('Helvetica-Bold').fontSize(9).text(MARKING, 56, 28, { width: doc.page.width - 112, align: 'center', lineBreak: false });
      doc.font('Helvetica').fontSize(8).text(`${MARKING} · ${pack.caseReference} · export ${exportId} · page ${p - range.start + 1} of ${range.count}`, 56, doc.page.height - 40, { width: doc.page.width - 112, align: 'center', lineBreak: false });
    }
    doc.end();
  });
}
