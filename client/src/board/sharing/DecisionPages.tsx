/** The lawful bases relied on, and the decision with its reasons. */
import { LAWFUL_BASIS_LABELS, type SharingFlowStep } from '@mashboard/shared';
import { basesFor } from '../../data/sharing.ts';
import { Checkbox, FieldError, fieldId, RadioGroup, TextArea } from '../../forms/fields.tsx';
import { P } from './paths.ts';
import type { PageProps } from './useSharingForm.ts';

/** `ruleIssue`: what the rules say of the bases ticked so far, shown while ticking. */
export function BasesPage({ draft, set, err, title, agency, ruleIssue }: PageProps & { agency: string; ruleIssue: string | undefined }) {
  const id = fieldId(P, 'lawfulBases');
  const error = err('lawfulBases') ?? ruleIssue;
  return (
    <>
      {title('Lawful basis')}
      <div className={`form-group${error ? ' form-group--error' : ''}`}>
        <fieldset className="fieldset" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
          <legend className="fieldset__legend">Lawful bases relied on</legend>
          <p className="hint" id={`${id}-hint`}>
            Tick every basis you rely on. In safeguarding, public task, legal obligation and the safeguarding condition are usually the right ones; consent is rarely the right basis and is not the
            default. Sharing without consent needs a basis; special-category information needs Art 9(2)(g) as well.
          </p>
          <FieldError id={`${id}-error`} message={error} />
          <div className="checkboxes">
            {basesFor(agency).map((b, i) => (
              <Checkbox
                key={b}
                id={i === 0 ? id : fieldId(P, `lawfulBases-${b}`)}
                label={LAWFUL_BASIS_LABELS[b]}
                checked={draft.lawfulBases.includes(b)}
                onChange={(on) => set({ lawfulBases: on ? [...draft.lawfulBases, b] : draft.lawfulBases.filter((x) => x !== b) })}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <div className="form-group">
        <div className="checkboxes">
          <Checkbox
            id={fieldId(P, 'specialCategory')}
            label="The information includes special-category data"
            hint="Health, sexual life or orientation, ethnicity, religion and similar."
            checked={draft.specialCategory}
            onChange={(v) => set({ specialCategory: v })}
          />
        </div>
      </div>
    </>
  );
}

/** Share or not where the flowchart allows sharing; otherwise "do not share", with the reasons. */
export function DecisionPage({ draft, set, err, title, step, noPurpose }: PageProps & { step: SharingFlowStep; noPurpose: boolean }) {
  const reasons = (hint: string) => (
    <TextArea id={fieldId(P, 'reasons')} label="Reasons for the decision" hint={hint} rows={4} value={draft.reasons} onChange={(v) => set({ reasons: v })} error={err('reasons')} />
  );
  if (step.kind === 'conclude' && step.conclusion === 'share') {
    return (
      <>
        <RadioGroup<'share' | 'do-not-share'>
          id={fieldId(P, 'decision')}
          name={fieldId(P, 'decision')}
          legend={title('Your decision')}
          hint="The flowchart allows sharing. You may still decide not to share."
          value={draft.decision}
          onChange={(v) => set({ decision: v })}
          error={err('decision')}
          options={[
            { value: 'share', label: 'Share' },
            { value: 'do-not-share', label: 'Do not share' },
          ]}
        />
        {reasons('Base it on the safety and well-being of the child and others.')}
      </>
    );
  }
  return (
    <>
      {title(noPurpose ? 'Your decision: do not share, no clear purpose' : 'Your decision: do not share')}
      <p>The flowchart says do not share, because {step.kind === 'conclude' ? step.because : ''}.</p>
      {reasons(noPurpose ? 'Why there is no clear and legitimate purpose, and what whoever asked was told.' : 'Why it is not shared, and what whoever asked was told.')}
    </>
  );
}
