import { GUIDANCE, type FieldIssue, type Precision } from '@mashboard/shared';
import { DateInput, dateInputIssue, typedTimeOfDay } from './DateInput.tsx';
import { fieldId, issueFor, RadioGroup, TextField } from './fields.tsx';

export interface HappenedDraft {
  precision: Precision | '';
  date: string;
  time: string;
}

export const emptyHappened = (): HappenedDraft => ({ precision: '', date: '', time: '' });

/** The draft as the contract wants it (empty strings dropped). */
export function happenedValue(h: HappenedDraft): { precision: Precision; date?: string; time?: string } | undefined {
  if (!h.precision) return undefined;
  if (h.precision === 'unknown') return { precision: 'unknown' };
  return { precision: h.precision, ...(h.date ? { date: h.date } : {}), ...(h.time ? { time: h.time } : {}) };
}

/** When something happened: precision (exact / approximate / unknown), then date and optional time. */
export function HappenedFields({
  prefix,
  path,
  legend,
  value,
  onChange,
  issues,
}: {
  prefix: string;
  /** Dotted path of the object, e.g. `happened` or `circumstances.happened`. */
  path: string;
  legend: string;
  value: HappenedDraft;
  onChange: (h: HappenedDraft) => void;
  issues: readonly FieldIssue[];
}) {
  const idFor = (p: string) => fieldId(prefix, `${path}.${p}`);
  const dateLabel = value.precision === 'approximate' ? 'Roughly which day' : 'Date';
  const dateFields = (
    <div className="date-time">
      <DateInput
        id={idFor('date')}
        legend={dateLabel}
        value={value.date}
        onChange={(date) => onChange({ ...value, date })}
        error={issueFor(issues, `${path}.date`) && (dateInputIssue(value.date, dateLabel) ?? issueFor(issues, `${path}.date`))}
      />
      <TextField
        id={idFor('time')}
        label="Time (optional)"
        hint="UK time, 24-hour clock, for example 14:30"
        inputMode="numeric"
        autoComplete="off"
        width="short"
        value={value.time}
        onChange={(time) => onChange({ ...value, time: typedTimeOfDay(time) })}
        error={issueFor(issues, `${path}.time`)}
      />
    </div>
  );
  return (
    <RadioGroup<Precision>
      id={idFor('precision')}
      name={idFor('precision')}
      legend={legend}
      hint={GUIDANCE.precision}
      error={issueFor(issues, `${path}.precision`) ?? issueFor(issues, path)}
      value={value.precision}
      onChange={(precision) => onChange(precision === 'unknown' ? { precision, date: '', time: '' } : { ...value, precision })}
      options={[
        { value: 'exact', label: 'On a known date', reveal: dateFields },
        { value: 'approximate', label: 'Approximately (about a date)', reveal: dateFields },
        { value: 'unknown', label: 'Date unknown' },
      ]}
    />
  );
}
