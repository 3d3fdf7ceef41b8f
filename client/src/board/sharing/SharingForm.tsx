/**
 * The guided form for an information-sharing decision, one question at a time (the GOV.UK
 * question-page pattern): the advice's flowchart (each question with why it matters), its
 * conclusion explained, then only what that conclusion needs (a "no clear purpose" record asks for
 * the request, who asked and the reasons; "do not share" never offers sharing or lawful bases),
 * and a summary to check, with a way back to change any answer, before the decision is recorded
 * through the outbox. Each page is checked on Continue; the draft is kept on this device.
 *
 * This file is the frame (back link, error summary, actions); each page is its own component, and
 * `useSharingForm` holds the state they share.
 */
import type { FormEvent, ReactNode } from 'react';
import type { CaseView } from '@mashboard/shared';
import { useSession } from '../../data/session.ts';
import { newCommandId } from '../../data/live.ts';
import { answersOf, effectiveDecision, flowQuestions, pageOfPath, ruleIssues, sharingPayload, type SharingDraft } from '../../data/sharing.ts';
import { ErrorSummary } from '../../forms/fields.tsx';
import { FormActions } from '../../forms/FormActions.tsx';
import { CheckPage } from './CheckAnswers.tsx';
import { BasesPage, DecisionPage } from './DecisionPages.tsx';
import { ConclusionPage, FlowQuestionPage, IdentifiesRecordPage } from './FlowchartPages.tsx';
import { checkRowId, LABELS, P, PAGE_QUESTION, targetFor } from './paths.ts';
import { FamilyPage, RecipientPage } from './RecipientPages.tsx';
import { ConsentPage, RequestPage, SupersedePage } from './RequestPages.tsx';
import { useSharingForm, type PageProps } from './useSharingForm.ts';
import { useSharePreview, WhatPage } from './WhatPage.tsx';

export function SharingForm({
  view,
  initial,
  onDone,
  onCancel,
}: {
  view: CaseView;
  /** A prefilled draft (a new decision superseding an earlier one). */
  initial?: SharingDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const agency = client.user.agency;
  const caseId = view.summary.id;
  const sharing = useSharingForm(view, initial);
  const { draft, current, pages, form } = sharing;
  const preview = useSharePreview(caseId, draft);
  const { step } = flowQuestions(answersOf(draft));
  const decision = effectiveDecision(draft);
  const noPurpose = draft.purposeAnswer === 'no';
  const checking = current === 'check';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const label = `${decision === 'share' ? 'Decision to share' : 'Decision not to share'} (${view.summary.reference})`;
    const outcome = await form.submit('sharing.decide', () => sharingPayload(draft, caseId, newCommandId()), { label, caseId });
    if (!outcome || outcome.status === 'error') return;
    sharing.reset();
    onDone(outcome.status === 'ok' ? 'Your decision is recorded in the sharing log, signed and dated.' : 'Your decision is saved on this device and will be recorded when the connection returns.');
  }

  const page: PageProps = {
    draft,
    set: sharing.set,
    err: sharing.err,
    /** A page's question as its heading (inside the legend when the page is one group of radios). */
    title: (text: ReactNode) => (
      <h2 ref={sharing.heading} tabIndex={-1} className="question-page__heading">
        {text}
      </h2>
    ),
  };

  function pageBody(): ReactNode {
    const question = PAGE_QUESTION[current];
    if (question) return <FlowQuestionPage {...page} question={question} />;
    switch (current) {
      case 'supersede':
        return <SupersedePage {...page} />;
      case 'conclusion':
        return <ConclusionPage title={page.title} step={step} noPurpose={noPurpose} />;
      case 'request':
        return <RequestPage {...page} />;
      case 'consent':
        return <ConsentPage {...page} />;
      case 'identifies':
        return <IdentifiesRecordPage {...page} />;
      case 'bases':
        return <BasesPage {...page} agency={agency} ruleIssue={ruleIssues(draft, agency).find((i) => i.path === 'lawfulBases')?.message} />;
      case 'decision':
        return <DecisionPage {...page} step={step} noPurpose={noPurpose} />;
      case 'what':
        return <WhatPage {...page} view={view} agency={agency} preview={preview} />;
      case 'recipient':
        return <RecipientPage {...page} />;
      case 'family':
        return <FamilyPage {...page} decision={decision} />;
      case 'check':
        return <CheckPage draft={draft} title={page.title} pages={pages} agency={agency} onChange={sharing.change} />;
      default:
        return null;
    }
  }

  const at = pages.indexOf(current);
  return (
    <form className="form sharing-form question-page" noValidate aria-labelledby={`${P}-title`} onSubmit={(e) => void (checking ? submit(e) : sharing.next(e))}>
      <p id={`${P}-title`} className="caption">
        {draft.supersedes ? 'Record a new decision instead' : 'Record a sharing decision'}
      </p>
      {at > 0 ? (
        <p className="back-link-wrap">
          <button type="button" className="button--link back-link" onClick={sharing.back}>
            <span aria-hidden="true">‹ </span>Back<span className="visually-hidden"> to the previous question</span>
          </button>
        </p>
      ) : null}
      {sharing.showRestored ? (
        <p className="notice" role="status">
          Your unfinished decision was restored from this device.
        </p>
      ) : null}
      <ErrorSummary prefix={P} issues={sharing.shownIssues} labels={LABELS} focusKey={sharing.focusKey} targetFor={checking ? (path) => checkRowId(pageOfPath(draft, path)) : targetFor} />
      <div key={current}>{pageBody()}</div>
      <FormActions
        submit={checking ? 'Record decision' : 'Continue'}
        busy={checking && form.busy}
        busyText="Recording…"
        secondary={{
          label: 'Cancel and discard',
          onClick: () => {
            sharing.reset();
            onCancel();
          },
        }}
      />
    </form>
  );
}
