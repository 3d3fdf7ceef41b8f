/** With whom and how it is shared, and whether the child and family were told. */
import { GOLDEN_RULES, SHARING_CHANNELS } from '@mashboard/shared';
import { CHANNEL_LABELS } from '../../data/sharingLog.ts';
import { DateTimeInput } from '../../forms/DateInput.tsx';
import { fieldId, RadioGroup, SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { PartyFields } from './PartyFields.tsx';
import { P } from './paths.ts';
import type { PageProps } from './useSharingForm.ts';

export function RecipientPage(props: PageProps) {
  const { draft, set, err, title } = props;
  return (
    <>
      {title('With whom and how')}
      <PartyFields {...props} who="recipient" legend="Who receives it?" withRequester={draft.direction === 'incoming'} />
      <SelectField
        id={fieldId(P, 'channel')}
        label="How it is shared"
        hint="Make sure it reaches the right person, securely."
        placeholder="Choose a secure channel"
        value={draft.channel}
        onChange={(v) => set({ channel: v })}
        options={SHARING_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        error={err('channel')}
      />
      {draft.channel ? (
        <TextField
          id={fieldId(P, 'channelDetail')}
          label={draft.channel === 'other' ? 'Which way' : 'Detail (optional)'}
          hint="For example the secure mailbox used"
          value={draft.channelDetail}
          onChange={(v) => set({ channelDetail: v })}
          error={err('channelDetail')}
        />
      ) : null}
    </>
  );
}

export function FamilyPage({ draft, set, err, title, decision }: PageProps & { decision: 'share' | 'do-not-share' | '' }) {
  return (
    <RadioGroup<'yes' | 'no'>
      id={fieldId(P, 'familyTold')}
      name={fieldId(P, 'familyTold')}
      legend={title(decision === 'share' ? 'Were the child and family told it was shared?' : 'Were the child and family told of this decision?')}
      hint={GOLDEN_RULES[1]}
      value={draft.familyTold}
      onChange={(v) => set({ familyTold: v })}
      error={err('familyTold')}
      options={[
        {
          value: 'yes',
          label: 'Yes',
          reveal: (
            <DateTimeInput id={fieldId(P, 'familyTold.when')} legend="When (optional)" value={draft.familyToldWhen} onChange={(v) => set({ familyToldWhen: v })} error={err('familyTold.when')} />
          ),
        },
        {
          value: 'no',
          label: 'No',
          reveal: <TextArea id={fieldId(P, 'familyTold.why')} label="Why not" rows={2} value={draft.familyNotToldWhy} onChange={(v) => set({ familyNotToldWhy: v })} error={err('familyTold.why')} />,
        },
      ]}
    />
  );
}
