/** The summary to check before recording: each answer given, with a way back to change it. */
import type { ReactNode } from 'react';
import { agencyName, CONSENT_NOT_SOUGHT_LABELS, CURRENT_SHARING_ADVICE, LAWFUL_BASIS_LABELS, SHARING_ADVICE, type SHARING_CHANNELS } from '@mashboard/shared';
import { sharingPayload, type SharingDraft, type SharingPage, type YesNo } from '../../data/sharing.ts';
import { CHANNEL_LABELS } from '../../data/sharingLog.ts';
import { formatDateTime, londonLocalToIso } from '../../data/time.ts';
import { checkRowId } from './paths.ts';
import { recipientDraftText, requesterText } from './text.ts';
import type { PageProps } from './useSharingForm.ts';

export function CheckPage({ draft, title, pages, agency, onChange }: Pick<PageProps, 'draft' | 'title'> & { pages: SharingPage[]; agency: string; onChange: (page: SharingPage) => void }) {
  return (
    <>
      {title('Check your answers before recording the decision')}
      <CheckAnswers draft={draft} pages={pages} onChange={onChange} />
      <p className="hint">
        Recorded under the {SHARING_ADVICE[CURRENT_SHARING_ADVICE]}, signed with your name, {agencyName(agency)} and the time. A record is never edited: a later decision supersedes it, with a reason.
      </p>
    </>
  );
}

function CheckAnswers({ draft, pages, onChange }: { draft: SharingDraft; pages: SharingPage[]; onChange: (page: SharingPage) => void }) {
  const payload = sharingPayload(draft, 'case', 'cmd-00000000');
  const yn = (a: YesNo) => (a === 'yes' ? 'Yes' : a === 'no' ? 'No' : 'Not answered');
  const when = (local: string) => {
    const iso = londonLocalToIso(local);
    return iso ? formatDateTime(iso) : '';
  };
  const rows: { page: SharingPage; key: string; label: string; value: ReactNode }[] = [];
  const add = (page: SharingPage, label: string, value: ReactNode) => {
    if (pages.includes(page)) rows.push({ page, key: `${page}-${label}`, label, value });
  };
  add('supersede', 'Why the earlier decision is superseded', draft.supersedeReason);
  add('purpose-question', 'Clear and legitimate purpose', yn(draft.purposeAnswer));
  add('consent-question', 'Consent given', yn(draft.consentAnswer));
  add('identifies-question', 'Identifies a living person', yn(draft.identifiesAnswer));
  add('lawful-question', 'Another lawful reason without consent', yn(draft.lawfulAnswer));
  add('request', 'Request', draft.direction === 'incoming' ? 'A request made to us' : 'Our decision to share out');
  if (draft.direction === 'incoming') add('request', 'Asked by', requesterText(draft));
  add('request', 'Purpose', draft.purpose);
  const c = payload.consent;
  add(
    'consent',
    'Consent',
    !c
      ? ''
      : c.status === 'given'
        ? `Given by ${c.byWhom}, ${c.how}, ${when(draft.consentWhen)}`
        : c.status === 'refused'
          ? `Refused by ${c.byWhom}, ${when(draft.consentWhen)}${c.detail ? `: ${c.detail}` : ''}`
          : `Not sought: ${CONSENT_NOT_SOUGHT_LABELS[c.reason]}${c.reasonText ? `. ${c.reasonText}` : ''}`,
  );
  add('identifies', 'Identifies a living person', yn(draft.identifiesAnswer));
  add('bases', 'Lawful bases', (payload.lawfulBases ?? []).map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') || 'None named');
  add('bases', 'Special category', payload.specialCategory ? 'Yes' : 'No');
  add('decision', 'Decision', payload.decision === 'share' ? 'Share' : 'Do not share');
  add('decision', 'Reasons', draft.reasons);
  add(
    'what',
    'What is shared',
    `${draft.contributionIds.length} ${draft.contributionIds.length === 1 ? 'contribution' : 'contributions'}${draft.includeChildVoice ? ', the child’s voice' : ''}${payload.selection?.includeRestrictedIds?.length ? ` (${payload.selection.includeRestrictedIds.length} restricted, included deliberately)` : ''}${draft.includeProtectedIdentity ? ', the protected referrer’s identity' : ''}`,
  );
  add('recipient', 'With whom', recipientDraftText(draft));
  add(
    'recipient',
    'How',
    draft.channel ? `${CHANNEL_LABELS[draft.channel as (typeof SHARING_CHANNELS)[number]]}${draft.channelDetail.trim() ? `: ${draft.channelDetail.trim()}` : ''}` : 'Not recorded',
  );
  add('family', 'Family told', draft.familyTold === 'yes' ? `Yes${draft.familyToldWhen ? `, ${when(draft.familyToldWhen)}` : ''}` : `No: ${draft.familyNotToldWhy}`);
  const firstOfPage = new Set<SharingPage>();
  return (
    <dl className="summary-list">
      {rows.map((r) => {
        const first = !firstOfPage.has(r.page);
        firstOfPage.add(r.page);
        return (
          <div key={r.key} className="summary-list__row" id={first ? checkRowId(r.page) : undefined} tabIndex={first ? -1 : undefined}>
            <dt className="summary-list__key">{r.label}</dt>
            <dd className="summary-list__value prewrap">{r.value}</dd>
            <dd className="summary-list__actions">
              <button type="button" className="button--link" onClick={() => onChange(r.page)}>
                Change<span className="visually-hidden"> {r.label.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
