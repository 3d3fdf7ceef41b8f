/** The new-case form's draft (kept on this device), its checks before sending, and the `case.open` payload it makes. */
import { LIMITS, type CommandInput, type Disability, type Ethnicity, type FieldIssue, type ReferralSource } from '@mashboard/shared';
import { newCommandId } from '../../data/live.ts';
import { londonLocalToIso, londonNowLocal } from '../../data/time.ts';
import { dateInputIssue, dateTimeInputIssue } from '../../forms/DateInput.tsx';
import { fieldId } from '../../forms/fields.tsx';
import { emptyPeople, peopleDraftIssues, peopleLabels, peoplePayload, type PeopleDraft } from '../../forms/people.ts';

/** The prefix of every field id in the form. */
export const P = 'newcase';

export interface ChildDraft {
  key: string;
  firstName: string;
  lastName: string;
  born: 'born' | 'unborn' | '';
  dateOfBirth: string;
  expectedDateOfBirth: string;
  nhsNumber: string;
  /** Optional details (absent in drafts saved before they were asked). */
  language?: string;
  interpreterNeeded?: boolean;
  ethnicity?: Ethnicity | '';
  disability?: Disability | '';
  disabilityDetail?: string;
  addressId?: string;
}

export interface CaseDraft {
  children: ChildDraft[];
  source: ReferralSource | '';
  referrerName: string;
  referrerRole: string;
  /** Only the recording agency sees the referrer's name and role. */
  identityProtected: boolean;
  reasonForConcern: string;
  receivedAt: string;
  /** Restrict the whole case to these agencies (the opener's own always sees it). */
  restrictedTo?: string[];
  /** The people around the children and the addresses (absent in drafts saved before they were asked). */
  peopleDraft?: PeopleDraft;
}

export const emptyChild = (): ChildDraft => ({
  key: newCommandId(),
  firstName: '',
  lastName: '',
  born: '',
  dateOfBirth: '',
  expectedDateOfBirth: '',
  nhsNumber: '',
});

export function caseDraftIssues(d: CaseDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  d.children.forEach((c, i) => {
    const base = `children.${i}`;
    if (!c.firstName.trim()) issues.push({ path: `${base}.firstName`, message: 'enter the first name (or "Unknown", or "Unborn")' });
    if (!c.lastName.trim()) issues.push({ path: `${base}.lastName`, message: 'enter the last name' });
    if (!c.born) issues.push({ path: `${base}.born`, message: 'say whether the child is born or unborn' });
    if (c.born === 'born') {
      if (!c.dateOfBirth) issues.push({ path: `${base}.dateOfBirth`, message: 'enter the date of birth' });
      else if (dateInputIssue(c.dateOfBirth, 'Date of birth')) issues.push({ path: `${base}.dateOfBirth`, message: dateInputIssue(c.dateOfBirth, 'Date of birth')! });
      else if (c.dateOfBirth > today) issues.push({ path: `${base}.dateOfBirth`, message: 'cannot be in the future; for an unborn child choose "Unborn"' });
    }
    if (c.born === 'unborn') {
      if (!c.expectedDateOfBirth) issues.push({ path: `${base}.expectedDateOfBirth`, message: 'enter the expected date of birth' });
      else if (dateInputIssue(c.expectedDateOfBirth, 'Expected date of birth'))
        issues.push({ path: `${base}.expectedDateOfBirth`, message: dateInputIssue(c.expectedDateOfBirth, 'Expected date of birth')! });
    }
    if (c.nhsNumber.trim() && !/^\d{3} ?\d{3} ?\d{4}$/.test(c.nhsNumber.trim())) {
      issues.push({ path: `${base}.identifiers.nhsNumber`, message: 'an NHS number is 10 digits, like 485 777 3456' });
    }
  });
  issues.push(...peopleDraftIssues(d.peopleDraft ?? emptyPeople(), today));
  if (!d.source) issues.push({ path: 'referral.source', message: 'choose who made the referral' });
  if (d.referrerName.length > LIMITS.shortText) issues.push({ path: 'referral.referrerName', message: `must be at most ${LIMITS.shortText} characters` });
  if (d.referrerRole.length > LIMITS.shortText) issues.push({ path: 'referral.referrerRole', message: `must be at most ${LIMITS.shortText} characters` });
  if (!d.reasonForConcern.trim()) issues.push({ path: 'reasonForConcern', message: 'enter the reason for concern' });
  else if (d.reasonForConcern.length > LIMITS.longText) issues.push({ path: 'reasonForConcern', message: `must be at most ${LIMITS.longText.toLocaleString('en-GB')} characters` });
  const iso = londonLocalToIso(d.receivedAt);
  if (!d.receivedAt) issues.push({ path: 'receivedAt', message: 'enter when the MASH received the contact' });
  else if (!iso) issues.push({ path: 'receivedAt', message: dateTimeInputIssue(d.receivedAt, 'Received at') ?? 'must be a real date and time' });
  else if (new Date(iso).getTime() > Date.now() + 5 * 60_000) issues.push({ path: 'receivedAt', message: 'cannot be in the future' });
  return issues;
}

export function openCasePayload(d: CaseDraft): CommandInput<'case.open'> {
  return {
    commandId: newCommandId(),
    children: d.children.map((c) => ({
      firstName: c.firstName.trim(),
      lastName: c.lastName.trim(),
      ...(c.born === 'born' ? { dateOfBirth: c.dateOfBirth } : { expectedDateOfBirth: c.expectedDateOfBirth }),
      ...(c.nhsNumber.trim() ? { identifiers: { nhsNumber: c.nhsNumber.trim() } } : {}),
      ...(c.language?.trim() ? { language: c.language.trim() } : {}),
      ...(c.interpreterNeeded ? { interpreterNeeded: true } : {}),
      ...(c.ethnicity ? { ethnicity: c.ethnicity } : {}),
      ...(c.disability ? { disability: c.disability } : {}),
      ...(c.disabilityDetail?.trim() ? { disabilityDetail: c.disabilityDetail.trim() } : {}),
      ...(c.addressId ? { addressId: c.addressId } : {}),
    })),
    ...peoplePayload(d.peopleDraft ?? emptyPeople()),
    referral: {
      source: d.source as ReferralSource,
      ...(d.referrerName.trim() ? { referrerName: d.referrerName.trim() } : {}),
      ...(d.referrerRole.trim() ? { referrerRole: d.referrerRole.trim() } : {}),
      ...(d.identityProtected ? { identityProtected: true } : {}),
    },
    reasonForConcern: d.reasonForConcern.trim(),
    receivedAt: londonLocalToIso(d.receivedAt) ?? d.receivedAt,
    ...(d.restrictedTo?.length ? { restrictedTo: d.restrictedTo } : {}),
  };
}

export function emptyCaseDraft(): CaseDraft {
  return { children: [emptyChild()], source: '', referrerName: '', referrerRole: '', identityProtected: false, reasonForConcern: '', receivedAt: londonNowLocal() };
}

/** What the error summary calls each path (a child's by its number). */
export function caseDraftLabels(children: ChildDraft[], people: PeopleDraft): Record<string, string> {
  const l: Record<string, string> = {
    'referral.source': 'Referral source',
    'referral.referrerName': "Referrer's name",
    'referral.referrerRole': "Referrer's role",
    reasonForConcern: 'Reason for concern',
    receivedAt: 'Received at',
    children: 'Children',
  };
  children.forEach((c, i) => {
    const n = `Child ${i + 1}`;
    l[`children.${i}.firstName`] = `${n} first name`;
    l[`children.${i}.lastName`] = `${n} last name`;
    l[`children.${i}.born`] = `${n} born or unborn`;
    l[`children.${i}.dateOfBirth`] = c.born === 'unborn' ? `${n} expected date of birth` : `${n} date of birth`;
    l[`children.${i}.expectedDateOfBirth`] = `${n} expected date of birth`;
    l[`children.${i}.identifiers.nhsNumber`] = `${n} NHS number`;
    l[`children.${i}.language`] = `${n} first language`;
    l[`children.${i}.addressId`] = `${n} address`;
  });
  return { ...l, ...peopleLabels(people) };
}

/** Which control an error link focuses: a child's date of birth goes to the date asked for, or to "born or unborn" while neither is chosen. */
export function caseDraftTarget(children: ChildDraft[], path: string): string {
  const m = /^children\.(\d+)\.dateOfBirth$/.exec(path);
  if (m && children[Number(m[1])]?.born === 'unborn') return fieldId(P, `children.${m[1]}.expectedDateOfBirth`);
  if (m && !children[Number(m[1])]?.born) return fieldId(P, `children.${m[1]}.born`);
  return fieldId(P, path);
}
