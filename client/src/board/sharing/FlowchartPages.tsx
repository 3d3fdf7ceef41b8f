/** The advice's flowchart: each question with why it matters, its conclusion explained, and the question asked only for the record. */
import { GOLDEN_RULES, SHARING_QUESTIONS, type SharingFlowStep, type SharingQuestion } from '@mashboard/shared';
import { fieldId, RadioGroup } from '../../forms/fields.tsx';
import { P, QUESTION_FIELD, QUESTION_PATH } from './paths.ts';
import type { PageProps } from './useSharingForm.ts';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

export function FlowQuestionPage({ question, draft, set, err, title }: PageProps & { question: SharingQuestion }) {
  const path = QUESTION_PATH[question];
  const field = QUESTION_FIELD[question];
  return (
    <RadioGroup<'yes' | 'no'>
      id={fieldId(P, path)}
      name={fieldId(P, path)}
      legend={title(SHARING_QUESTIONS[question].question)}
      hint={<>Why it matters: {SHARING_QUESTIONS[question].why}</>}
      inline
      value={draft[field]}
      onChange={(v) => set({ [field]: v })}
      error={err(path)}
      options={YES_NO}
    />
  );
}

export function ConclusionPage({ step, noPurpose, title }: Pick<PageProps, 'title'> & { step: SharingFlowStep; noPurpose: boolean }) {
  const doNotShare = step.kind === 'conclude' && step.conclusion === 'do-not-share';
  return (
    <>
      {title(step.kind === 'conclude' && step.conclusion === 'share' ? 'The flowchart says: share' : 'The flowchart says: do not share')}
      <div className={`flow-conclusion flow-conclusion--${step.kind === 'conclude' ? step.conclusion : ''}`}>
        <p>
          <strong>Because {step.kind === 'conclude' ? step.because : ''}.</strong>
        </p>
        {noPurpose ? (
          <p>
            Record the request and why it is not shared: you will be asked only about the request, who asked and your reasons. Be ready to explain them, and to reconsider if whoever asked brings new
            information.
          </p>
        ) : doNotShare ? (
          <p>Sharing is not offered. Record the consent you asked for and your reasons. If an answer was wrong, go back and change it.</p>
        ) : (
          <p>Consider how: share only what is needed, keep fact and opinion apart, share securely with the right person, and tell the family where it is safe. You may still decide not to share.</p>
        )}
      </div>
      <p className="hint">{GOLDEN_RULES[noPurpose || doNotShare ? 6 : 0]}</p>
    </>
  );
}

/** Asked for the record when consent was given (the flowchart did not need it). */
export function IdentifiesRecordPage({ draft, set, err, title }: PageProps) {
  return (
    <RadioGroup<'yes' | 'no'>
      id={fieldId(P, 'identifiesPerson')}
      name={fieldId(P, 'identifiesPerson-record')}
      legend={title(SHARING_QUESTIONS.identifies.question)}
      hint="For the record: the flowchart did not need to ask, because consent was given."
      inline
      value={draft.identifiesAnswer}
      onChange={(v) => set({ identifiesAnswer: v })}
      error={err('identifiesPerson')}
      options={YES_NO}
    />
  );
}
