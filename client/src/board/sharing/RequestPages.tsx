/** What the decision is about: why an earlier one is superseded, the request and who asked, and the consent asked for. */
import { CONSENT_NOT_SOUGHT_LABELS, CONSENT_NOT_SOUGHT_REASONS, GOLDEN_RULES } from '@mashboard/shared';
import { DateTimeInput } from '../../forms/DateInput.tsx';
import { fieldId, RadioGroup, TextArea, TextField } from '../../forms/fields.tsx';
import { PartyFields } from './PartyFields.tsx';
import { P } from './paths.ts';
import type { PageProps } from './useSharingForm.ts';

export function SupersedePage({ draft, set, err, title }: PageProps) {
  return (
    <>
      {title('Why is the earlier decision superseded?')}
      <TextArea
        id={fieldId(P, 'supersedeReason')}
        label="The reason"
        hint="The earlier record stays in the log, marked as superseded with this reason."
        rows={3}
        value={draft.supersedeReason}
        onChange={(v) => set({ supersedeReason: v })}
        error={err('supersedeReason')}
      />
    </>
  );
}

export function RequestPage(props: PageProps) {
  const { draft, set, err, title } = props;
  return (
    <>
      {title('About the request')}
      <RadioGroup<'incoming' | 'outgoing'>
        id={fieldId(P, 'direction')}
        name={fieldId(P, 'direction')}
        legend="Is this a request made to us, or our decision to share out?"
        value={draft.direction}
        onChange={(v) => set({ direction: v })}
        error={err('direction')}
        options={[
          { value: 'incoming', label: 'A request made to us', reveal: <PartyFields {...props} who="requester" legend="Who asked?" withRequester={false} /> },
          { value: 'outgoing', label: 'Our decision to share out' },
        ]}
      />
      <TextArea
        id={fieldId(P, 'purpose')}
        label="Purpose of sharing"
        hint="What the sharing is (or was asked) for, for example to decide whether the threshold for a strategy discussion is met."
        rows={3}
        value={draft.purpose}
        onChange={(v) => set({ purpose: v })}
        error={err('purpose')}
      />
    </>
  );
}

/** Consent given (by whom, how, when), or refused or not sought (and why). */
export function ConsentPage({ draft, set, err, title }: PageProps) {
  const whenLabel = draft.consentAnswer === 'yes' ? 'When consent was given' : 'When consent was refused';
  const when = <DateTimeInput id={fieldId(P, 'consent.when')} legend={whenLabel} value={draft.consentWhen} onChange={(v) => set({ consentWhen: v })} error={err('consent.when')} />;
  if (draft.consentAnswer === 'yes') {
    return (
      <>
        {title('Who gave consent, how and when')}
        <TextField
          id={fieldId(P, 'consent.byWhom')}
          label="Consent given by"
          hint="For example the child’s mother"
          value={draft.consentBy}
          onChange={(v) => set({ consentBy: v })}
          error={err('consent.byWhom')}
        />
        <TextField
          id={fieldId(P, 'consent.how')}
          label="How consent was given"
          hint="For example verbally, by phone"
          value={draft.consentHow}
          onChange={(v) => set({ consentHow: v })}
          error={err('consent.how')}
        />
        {when}
      </>
    );
  }
  return (
    <RadioGroup<'refused' | 'not-sought'>
      id={fieldId(P, 'consent.status')}
      name={fieldId(P, 'consent.status')}
      legend={title('Was consent refused, or not sought?')}
      hint={GOLDEN_RULES[2]}
      value={draft.noConsent}
      onChange={(v) => set({ noConsent: v })}
      error={err('consent.status')}
      options={[
        {
          value: 'not-sought',
          label: 'Not sought',
          hint: 'Do not seek consent when that would put a child or adult at risk, when sexual abuse or fabricated or induced illness is suspected, or when it could undermine the investigation of a serious crime.',
          reveal: (
            <>
              {/* Radios, not a select: the reasons are long, and a phone would cut the chosen one short. */}
              <RadioGroup<(typeof CONSENT_NOT_SOUGHT_REASONS)[number]>
                id={fieldId(P, 'consent.reason')}
                name={fieldId(P, 'consent.reason')}
                legend="Why consent was not sought"
                small
                value={draft.notSoughtReason as (typeof CONSENT_NOT_SOUGHT_REASONS)[number] | ''}
                onChange={(v) => set({ notSoughtReason: v })}
                options={CONSENT_NOT_SOUGHT_REASONS.map((r) => ({ value: r, label: CONSENT_NOT_SOUGHT_LABELS[r] }))}
                error={err('consent.reason')}
              />
              <TextArea
                id={fieldId(P, 'consent.reasonText')}
                label={draft.notSoughtReason === 'other' ? 'The reason in words' : 'More about the reason (optional)'}
                rows={2}
                value={draft.notSoughtText}
                onChange={(v) => set({ notSoughtText: v })}
                error={err('consent.reasonText')}
              />
            </>
          ),
        },
        {
          value: 'refused',
          label: 'Refused',
          reveal: (
            <>
              <TextField id={fieldId(P, 'consent.byWhom')} label="Refused by" value={draft.consentBy} onChange={(v) => set({ consentBy: v })} error={err('consent.byWhom')} />
              {when}
              <TextArea id={fieldId(P, 'consent.detail')} label="What was said (optional)" rows={2} value={draft.consentDetail} onChange={(v) => set({ consentDetail: v })} />
            </>
          ),
        },
      ]}
    />
  );
}
