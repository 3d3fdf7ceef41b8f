/**
 * Search records: every case ever held, by a child's name, date of birth, NHS number, UPN, local
 * id or case reference. A result is a prompt to check, never a merge; a case restricted to other
 * agencies says only whom to ask. The terms stay in the page (never in the URL); the server
 * audits each search with the kinds of terms used.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CASE_STATUS_LABELS, CaseSearchSchema, issuesFromZod, type CaseSearchResult, type CaseStatus, type FieldIssue, type InvolvementMatchView } from '@mashboard/shared';
import { ApiRequestError } from '../data/api.ts';
import { screensApi } from '../data/screensApi.ts';
import { matchedWhoText, searchRestrictedText, strengthText } from '../data/involvement.ts';
import { formatCalendarDate, formatDate } from '../data/time.ts';
import { hrefFor } from '../router.ts';
import { Icons, PlainBadge } from '../components/Badges.tsx';
import { ErrorSummary, fieldId, issueFor, TextField } from '../forms/fields.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';

const P = 'search';
const FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'nhsNumber', 'upn', 'localId', 'reference', 'address', 'postcode'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth or expected date',
  nhsNumber: 'NHS number',
  upn: 'Unique Pupil Number (UPN)',
  localId: 'Local id',
  reference: 'Case reference',
  address: 'Number and street',
  postcode: 'Postcode',
};
const EMPTY: Record<Field, string> = { firstName: '', lastName: '', dateOfBirth: '', nhsNumber: '', upn: '', localId: '', reference: '', address: '', postcode: '' };

function Result({ m }: { m: InvolvementMatchView }) {
  if (m.restricted) {
    return (
      <li className="search-result">
        <PlainBadge icon={Icons.lock}>Restricted</PlainBadge> {searchRestrictedText(m)}
      </li>
    );
  }
  const born =
    m.matchedOn?.kind === 'address'
      ? 'Address match'
      : m.child.dateOfBirth
        ? `Born ${formatCalendarDate(m.child.dateOfBirth)}`
        : m.child.expectedDateOfBirth
          ? `Expected ${formatCalendarDate(m.child.expectedDateOfBirth)}`
          : 'Date of birth not recorded';
  return (
    <li className="search-result">
      <h3 className="heading-xs search-result__name">{matchedWhoText(m)}</h3>
      <p className="search-result__facts">
        {born} · <a href={hrefFor({ page: 'case', caseId: m.caseId })}>{m.reference}</a> · received {formatDate(m.receivedAt)} · {CASE_STATUS_LABELS[m.status as CaseStatus] ?? m.status}
      </p>
      <p>
        <PlainBadge tone={m.strength === 'strong' ? 'warning' : 'pending'} icon={m.strength === 'strong' ? Icons.warning : Icons.info}>
          {strengthText(m.strength)}
        </PlainBadge>{' '}
        <span className="small">Why: {m.reasons.join('; ')}</span>
      </p>
    </li>
  );
}

export function SearchPage() {
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaseSearchResult | null>(null);

  useEffect(() => {
    document.title = 'Search records – Mashboard';
  }, []);

  const set = (field: Field) => (v: string) => setValues((prev) => ({ ...prev, [field]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const terms: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (values[f].trim()) terms[f] = values[f].trim();
    // A date typed that is not a real one, in GOV.UK's words; then the server's own schema, so the
    // form explains what the server would refuse.
    const dateIssue = dateInputIssue(values.dateOfBirth, LABELS.dateOfBirth);
    if (dateIssue) {
      setIssues([{ path: 'dateOfBirth', message: dateIssue }]);
      setFocusKey((k) => k + 1);
      return;
    }
    const parsed = CaseSearchSchema.safeParse(terms);
    if (!parsed.success) {
      setIssues(issuesFromZod(parsed.error));
      setFocusKey((k) => k + 1);
      return;
    }
    setIssues([]);
    setBusy(true);
    try {
      setResult(await screensApi.search(terms));
    } catch (error) {
      const apiError = error instanceof ApiRequestError ? error.error : { code: 'internal' as const, message: 'The search could not be made. Try again.' };
      setIssues(apiError.issues?.length ? apiError.issues : [{ path: '', message: apiError.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  const count = result?.matches.length ?? 0;
  const total = result?.total ?? count;
  const summary = result
    ? count === 0
      ? 'No records found.'
      : total > count
        ? `${total} records found; the ${count} closest are shown. Add a date of birth or an identifier to narrow the search.`
        : `${count} ${count === 1 ? 'record' : 'records'} found.`
    : '';
  const field = (f: Field, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={fieldId(P, f)} label={LABELS[f]} value={values[f]} onChange={set(f)} error={issueFor(issues, f)} autoComplete="off" {...extra} />
  );

  return (
    <>
      <h1 tabIndex={-1}>Search records</h1>
      <p className="lead-text">
        Every case ever held, closed ones too: the children, the adults around them and their addresses. Names are matched with their spelling variants and short forms, dates of birth with common
        typing slips.
      </p>
      <ErrorSummary prefix={P} issues={issues} labels={LABELS} focusKey={focusKey} />
      <form className="search-form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">A child or an adult</legend>
          <div className="search-form__row">
            {field('firstName', { hint: 'With a last name or a date of birth' })}
            {field('lastName')}
          </div>
          <DateInput id={fieldId(P, 'dateOfBirth')} legend={LABELS.dateOfBirth} value={values.dateOfBirth} onChange={set('dateOfBirth')} error={issueFor(issues, 'dateOfBirth')} />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Or a number</legend>
          <div className="search-form__row">
            {field('nhsNumber', { hint: '10 digits, for example 943 476 5919', inputMode: 'numeric', width: 'medium' })}
            {field('upn', { hint: '13 characters, for example A123456789012', width: 'medium' })}
          </div>
          <div className="search-form__row">
            {field('localId', { width: 'medium' })}
            {field('reference', { hint: 'For example MASH-2026-00012', width: 'medium' })}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Or an address</legend>
          <div className="search-form__row">
            {field('address', { hint: 'For example 14 Elm Road' })}
            {field('postcode', { hint: 'For example LS6 2AB', width: 'short' })}
          </div>
        </fieldset>
        <FormActions
          submit="Search"
          busy={busy}
          busyText="Searching…"
          secondary={{
            label: 'Clear',
            onClick: () => {
              setValues(EMPTY);
              setIssues([]);
              setResult(null);
            },
          }}
        />
      </form>
      <div role="status" className="visually-hidden">
        {summary}
      </div>
      {result ? (
        <section className="search-results-section" aria-labelledby="search-results-title">
          <h2 id="search-results-title">Results</h2>
          <p>{summary} A match is a prompt to check the records, never proof that two records are the same child.</p>
          {count ? (
            <ul className="plain-list search-results">
              {result.matches.map((m, i) => (
                <Result key={m.restricted ? `r${i}` : `${m.caseId}-${i}`} m={m} />
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
