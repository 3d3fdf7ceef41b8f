/**
 * Minutes as a printable page and a PDF, the same document in both (the page printed is the PDF's
 * content in its order): attendance, then per case the information (facts and opinions apart),
 * the child's voice, decisions with dissent, and actions.
 */
import {
  agencyName,
  agendaItemLabel,
  DECISION_OUTCOME_LABELS,
  describeAttendance,
  formatUkDateTime,
  HOW_EXPRESSED_LABELS,
  MEETING_KIND_LABELS,
  type HowExpressed,
  type Minutes,
  type MinutesInformation,
  type MinutesItem,
} from '@mashboard/shared';
import { escapeHtml as e, htmlDocument, pdfDocument } from '../documents.ts';

type MinutesDecision = MinutesItem['decisions'][number];

/** A decision laid out as its parts, in the order a reader checks them: each a label and its words. */
export function decisionParts(d: MinutesDecision): { label: string; value: string }[] {
  return [
    { label: 'Outcome', value: DECISION_OUTCOME_LABELS[d.outcome] ?? d.outcome },
    { label: 'Threshold', value: d.threshold },
    { label: 'Rationale', value: d.rationale },
    { label: 'Agreed by', value: d.agreedBy.join('; ') },
    { label: 'Dissent', value: d.dissent.length ? d.dissent.map((x) => `${x.name} (${agencyName(x.agency)}): ${x.view}`).join('; ') : 'None recorded' },
  ];
}

const ABSENT = 'Absent (invited, no attendance recorded)';
const ATTENDANCE_COLUMNS = ['Agency, who and how they attended'];
/** The attendance table's rows, "Police (DC Sam Evans): Present by phone": who came from each agency, then the agencies invited and absent. */
const attendanceRows = (m: Minutes) => [...m.attendance.map(describeAttendance), ...(m.absent ?? []).map((a) => `${agencyName(a)}: ${ABSENT}`)].map((row) => [row]);

interface MinutesHeader {
  version: number;
  signedBy: string;
  signedAt: string;
}

function informationLine(i: MinutesInformation): string {
  if (i.withheld) return `Restricted information from ${agencyName(i.agency)} (not shared with your agency)`;
  return `${agencyName(i.agency)} (${i.timeframe}): ${i.text}${i.basis ? ` — based on: ${i.basis}` : ''}${i.relevance ? ` — why it matters now: ${i.relevance}` : ''}`;
}

/** A child's voice in one line: how it was expressed, the words (or what was observed), wishes and feelings. */
const voiceLine = (v: MinutesItem['childVoice'][number]) =>
  `${v.child} (${HOW_EXPRESSED_LABELS[v.howExpressed as HowExpressed] ?? v.howExpressed}): ${v.words ? `“${v.words}”` : (v.observedBehaviour ?? '')}${v.wishes ? `; wishes: ${v.wishes}` : ''}${v.feelings ? `; feelings: ${v.feelings}` : ''}`;
const voiceLines = (item: MinutesItem) => [...item.childVoice.map(voiceLine), ...item.voiceAbsent.map((a) => `${a.child}: not recorded — ${a.reason}`)];
const actionLine = (a: MinutesItem['actions'][number]) => `${a.title} — ${a.owner} (${agencyName(a.agency)}), due ${formatUkDateTime(a.dueAt)}`;
/** The lines under the title, label and text, in the order both formats print them. */
const headerLines = (m: Minutes, header: MinutesHeader): [string, string][] => [
  ['Held', formatUkDateTime(m.heldAt)],
  ['Chair', m.chair],
  ['Signed off', `version ${header.version}, by ${header.signedBy}, ${formatUkDateTime(header.signedAt)}`],
];
const NOTE = 'Facts and opinions are kept apart. Generated from the case records, not typed afterwards.';

const title = (m: Minutes) => `Minutes: ${MEETING_KIND_LABELS[m.kind]}, ${m.title}`;

/** A case's heading: its reference and children, or for a case not shared with the reader's agency the neutral agenda wording. */
const itemHeading = (item: MinutesItem) => (item.withheld ? agendaItemLabel(item) : `${item.reference}: ${item.children.join(', ')}`);

/** The minutes as a printable page: the PDF's content in the PDF's order, laid out by the documents' stylesheet. */
export function renderMinutesHtml(m: Minutes, header: MinutesHeader, exportId: string): string {
  const list = (items: string[]) => (items.length ? `<ul>${items.map((t) => `<li dir="auto">${e(t)}</li>`).join('')}</ul>` : '<p>None recorded.</p>');
  const rows = attendanceRows(m);
  const items = m.items
    .map(
      (item) => `<h2>${e(itemHeading(item))}</h2>
<h3>Facts</h3>${list(item.facts.map(informationLine))}
<h3>Opinions</h3>${list(item.opinions.map(informationLine))}
<h3>The child's voice</h3>${list(voiceLines(item))}
<h3>Decisions</h3>${
        item.decisions.length
          ? item.decisions
              .map(
                (d, i) =>
                  `${item.decisions.length > 1 ? `<h4>Decision ${i + 1}</h4>` : ''}<dl class="decision">${decisionParts(d)
                    .map((p) => `<dt>${e(p.label)}</dt><dd>${e(p.value)}</dd>`)
                    .join('')}</dl>`,
              )
              .join('\n')
          : '<p>None recorded.</p>'
      }
<h3>Actions</h3>${list(item.actions.map(actionLine))}`,
    )
    .join('\n');
  const body = `<h1>${e(title(m))}</h1>
${headerLines(m, header)
  .map(([label, text]) => `<p><strong>${e(label)}:</strong> ${e(text)}</p>`)
  .join('\n')}
<h2>Attendance</h2>
${rows.length ? `<table><thead><tr>${ATTENDANCE_COLUMNS.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td dir="auto">${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : '<p>None recorded.</p>'}
<p class="note">${e(NOTE)}</p>
${items}`;
  return htmlDocument(title(m), m.title, exportId, body);
}

export function renderMinutesPdf(m: Minutes, header: MinutesHeader, exportId: string): Promise<Buffer> {
  return pdfDocument(title(m), m.title, exportId, (pdf) => {
    pdf.heading(1, title(m));
    for (const [label, text] of headerLines(m, header)) pdf.line(label, text);
    pdf.heading(2, 'Attendance');
    const rows = attendanceRows(m);
    if (rows.length === 0) pdf.paragraph('None recorded.');
    else pdf.table(ATTENDANCE_COLUMNS, rows);
    pdf.paragraph(NOTE, { italic: true });
    for (const item of m.items) {
      pdf.heading(2, itemHeading(item));
      pdf.heading(3, 'Facts').list(item.facts.map(informationLine));
      pdf.heading(3, 'Opinions').list(item.opinions.map(informationLine));
      pdf.heading(3, "The child's voice").list(voiceLines(item));
      pdf.heading(3, 'Decisions');
      if (item.decisions.length === 0) pdf.list([]);
      item.decisions.forEach((d, i) => {
        // Each part on its own labelled line, not one paragraph.
        if (item.decisions.length > 1) pdf.paragraph(`Decision ${i + 1}`);
        for (const part of decisionParts(d)) pdf.line(part.label, part.value);
        pdf.space();
      });
      pdf.heading(3, 'Actions').list(item.actions.map(actionLine));
    }
  });
}
