/** The sharing form's field ids, what the error summary calls each path, and which control its link focuses. */
import type { SharingQuestion } from '@mashboard/shared';
import type { SharingDraft, SharingPage } from '../../data/sharing.ts';
import { fieldId } from '../../forms/fields.tsx';

/** The prefix of every field id in the form. */
export const P = 'share';

/** A flowchart question's path in the payload, and the draft field holding its answer. */
export const QUESTION_PATH: Record<SharingQuestion, string> = {
  purpose: 'hasClearPurpose',
  consent: 'consentGiven',
  identifies: 'identifiesPerson',
  lawfulWithoutConsent: 'lawfulReasonWithoutConsent',
};
export const QUESTION_FIELD: Record<SharingQuestion, keyof Pick<SharingDraft, 'purposeAnswer' | 'consentAnswer' | 'identifiesAnswer' | 'lawfulAnswer'>> = {
  purpose: 'purposeAnswer',
  consent: 'consentAnswer',
  identifies: 'identifiesAnswer',
  lawfulWithoutConsent: 'lawfulAnswer',
};
/** The pages that ask one flowchart question. */
export const PAGE_QUESTION: Partial<Record<SharingPage, SharingQuestion>> = {
  'purpose-question': 'purpose',
  'consent-question': 'consent',
  'identifies-question': 'identifies',
  'lawful-question': 'lawfulWithoutConsent',
};

export const LABELS: Record<string, string> = {
  hasClearPurpose: 'Clear and legitimate purpose',
  consentGiven: 'Consent',
  identifiesPerson: 'Identifies a person',
  lawfulReasonWithoutConsent: 'Lawful reason without consent',
  direction: 'Direction',
  requester: 'Who asked',
  'requester.agency': 'The agency that asked',
  'requester.organisation': 'The organisation that asked',
  'requester.role': 'The requester’s role',
  purpose: 'Purpose',
  'consent.status': 'Consent',
  'consent.byWhom': 'Consent: by whom',
  'consent.how': 'Consent: how',
  'consent.when': 'Consent: when',
  'consent.reason': 'Why consent was not sought',
  'consent.reasonText': 'Why consent was not sought',
  lawfulBases: 'Lawful bases',
  decision: 'Decision',
  reasons: 'Reasons',
  'selection.contributionIds': 'What to share',
  recipient: 'Recipient',
  'recipient.agency': 'Recipient agency',
  'recipient.organisation': 'Recipient organisation',
  'recipient.role': 'Recipient role',
  channel: 'How it is shared',
  channelDetail: 'How it is shared',
  familyTold: 'Family told',
  'familyTold.when': 'When the family was told',
  'familyTold.why': 'Why the family was not told',
  supersedeReason: 'Why the earlier decision is superseded',
};

/** Which control an error link focuses. */
export function targetFor(path: string): string {
  if (path.startsWith('selection.')) return fieldId(P, 'selection');
  if (path === 'recipient') return fieldId(P, 'recipientKind');
  if (path === 'requester') return fieldId(P, 'requesterKind');
  return fieldId(P, path);
}

/** The summary row a check-page error link focuses: the first row of the page that asks it. */
export function checkRowId(page: SharingPage): string {
  return `${P}-check-${page}`;
}
