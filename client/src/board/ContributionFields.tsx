/** The sections of the contribution form: fact or opinion, current or historic, the source, whom it is about, and who may see it. */
import { activeAgencies, agencyName, GUIDANCE, SOURCE_LABELS, SOURCES, type Child, type ContributionKind, type InformationSource, type Timeframe } from '@mashboard/shared';
import { childFullName } from '../data/children.ts';
import { DateInput } from '../forms/DateInput.tsx';
import { Checkbox, fieldId, RadioGroup, SelectField, TextArea } from '../forms/fields.tsx';
import { Icons } from '../components/Badges.tsx';
import { PeopleChoice } from './CasePeople.tsx';
import { restrictedAudience, type ContributionDraft } from './contributionDraft.ts';
import { RESTRICT_GUIDANCE, restrictedToText } from './restricted.ts';

/** What each section is given. */
export interface SectionProps {
  /** The form's id prefix (a correction's is its entry's). */
  prefix: string;
  draft: ContributionDraft;
  change: (patch: Partial<ContributionDraft>) => void;
  err: (path: string) => string | undefined;
}

/** Fact or opinion; an opinion says its basis. */
export function FactOrOpinion({ prefix, draft, change, err }: SectionProps) {
  return (
    <RadioGroup<ContributionKind>
      id={fieldId(prefix, 'kind')}
      name={`${prefix}-kind`}
      legend="Is this a fact or an opinion?"
      value={draft.kind}
      onChange={(kind) => change({ kind })}
      error={err('kind')}
      options={[
        { value: 'fact', label: 'Fact', hint: GUIDANCE.fact },
        {
          value: 'opinion',
          label: 'Opinion',
          hint: GUIDANCE.opinion,
          reveal: (
            <TextArea id={fieldId(prefix, 'basis')} label="Basis" hint="The evidence the opinion rests on" rows={3} value={draft.basis} onChange={(basis) => change({ basis })} error={err('basis')} />
          ),
        },
      ]}
    />
  );
}

/** Current or historic; a historic one says why it is relevant now. */
export function CurrentOrHistoric({ prefix, draft, change, err }: SectionProps) {
  return (
    <RadioGroup<Timeframe>
      id={fieldId(prefix, 'timeframe')}
      name={`${prefix}-timeframe`}
      legend="Is it current or historic?"
      value={draft.timeframe}
      onChange={(timeframe) => change({ timeframe })}
      error={err('timeframe')}
      options={[
        { value: 'current', label: 'Current', hint: GUIDANCE.current },
        {
          value: 'historic',
          label: 'Historic',
          hint: GUIDANCE.historic,
          reveal: (
            <TextArea id={fieldId(prefix, 'relevance')} label="Why it is relevant now" rows={3} value={draft.relevance} onChange={(relevance) => change({ relevance })} error={err('relevance')} />
          ),
        },
      ]}
    />
  );
}

/** Where the information comes from; from the agency's records, when it was recorded there. */
export function SourceFields({ prefix, draft, change, err }: SectionProps) {
  return (
    <>
      <SelectField
        id={fieldId(prefix, 'source')}
        label="Source"
        hint="Where the information comes from"
        placeholder="Choose a source"
        value={draft.source}
        onChange={(v) => change({ source: v as InformationSource })}
        options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
        error={err('source')}
      />
      {draft.source === 'agency-records' ? (
        <DateInput
          id={fieldId(prefix, 'agencyRecordedOn')}
          legend="When did your agency record it? (optional)"
          hint="The date in your own records, if it was recorded before today. Sharing old records now is not “recorded late”. For example, 27 3 2021"
          value={draft.agencyRecordedOn}
          onChange={(agencyRecordedOn) => change({ agencyRecordedOn })}
          error={err('agencyRecordedOn')}
        />
      ) : null}
    </>
  );
}

/** Which children (asked only when there are several) and which people on the case it concerns. */
export function AboutWhom({ prefix, draft, change, children }: Omit<SectionProps, 'err'> & { children: Child[] }) {
  return (
    <>
      {children.length > 1 ? (
        <div className="form-group">
          <fieldset className="fieldset" aria-describedby={`${prefix}-children-hint`}>
            <legend className="fieldset__legend">Which children is it about?</legend>
            <p className="hint" id={`${prefix}-children-hint`}>
              Leave all unticked if it is about the whole case.
            </p>
            <div className="checkboxes" id={fieldId(prefix, 'childIds')}>
              {children.map((c) => (
                <Checkbox
                  key={c.id}
                  id={`${prefix}-child-${c.id}`}
                  label={childFullName(c)}
                  checked={draft.childIds.includes(c.id)}
                  onChange={(on) => change({ childIds: on ? [...draft.childIds, c.id] : draft.childIds.filter((x) => x !== c.id) })}
                />
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      <PeopleChoice prefix={prefix} value={draft.personIds ?? []} onChange={(personIds) => change({ personIds })} />
    </>
  );
}

/** Who may see a new contribution: everyone, or the contributor's agency and those ticked. */
export function RestrictionFields({ prefix, draft, change, myAgency }: Omit<SectionProps, 'err'> & { myAgency: string }) {
  const { alsoTo, restrictedTo } = restrictedAudience(draft, myAgency);
  return (
    <div className="form-group restrict">
      <div className="checkboxes">
        <Checkbox id={fieldId(prefix, 'restrict')} label="Restrict who can see this" hint={RESTRICT_GUIDANCE} checked={draft.restrict ?? false} onChange={(restrict) => change({ restrict })} />
        {draft.restrict ? (
          <div className="checkboxes__conditional">
            <fieldset className="fieldset" aria-describedby={`${prefix}-restrict-to-hint`}>
              <legend className="fieldset__legend fieldset__legend--s">Who else may see it?</legend>
              <p className="hint" id={`${prefix}-restrict-to-hint`}>
                {agencyName(myAgency)} always sees it. Tick none to keep it within {agencyName(myAgency)}.
              </p>
              <div className="checkboxes checkboxes--columns" id={fieldId(prefix, 'restrictedTo')}>
                {activeAgencies()
                  .filter((a) => a.id !== myAgency)
                  .map((a) => (
                    <Checkbox
                      key={a.id}
                      id={`${prefix}-restrict-${a.id}`}
                      label={a.name}
                      checked={alsoTo.includes(a.id)}
                      onChange={(on) => change({ restrictedTo: on ? [...alsoTo, a.id] : alsoTo.filter((x) => x !== a.id) })}
                    />
                  ))}
              </div>
            </fieldset>
            <p className="restrict__summary" aria-live="polite">
              {Icons.lock} {restrictedToText(myAgency, restrictedTo)}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
