/**
 * The GOV.UK date input: day, month and year as three text fields in a fieldset, never the
 * browser's date picker (which shows mm/dd/yyyy in some browsers). The form's draft holds the
 * date as YYYY-MM-DD once the fields make a real date, and otherwise what was typed ("31/2/2019"),
 * so the form's check can say what is wrong in GOV.UK's words (`dateInputIssue`).
 */
import { useState } from 'react';
import { datePartsOf, readDateParts, type DatePartName, type DateParts } from '@mashboard/shared';
import { describedBy, FieldError } from './fields.tsx';

const TYPED = /^([^/]*)\/([^/]*)\/([^/]*)$/;

/** The draft's value for what the fields hold: YYYY-MM-DD for a real date, '' for nothing, else the typed "day/month/year". */
export function dateInputValue(parts: DateParts): string {
  const reading = readDateParts(parts, 'Date');
  if (reading.kind === 'date') return reading.date;
  if (reading.kind === 'empty') return '';
  return `${parts.day.trim()}/${parts.month.trim()}/${parts.year.trim()}`;
}

/** The fields for a draft's value (a date, a typed "day/month/year", or ''). */
export function dateInputParts(value: string): DateParts {
  const typed = TYPED.exec(value);
  return typed ? { day: typed[1]!, month: typed[2]!, year: typed[3]! } : datePartsOf(value);
}

/** What is wrong with a draft's date, in GOV.UK's words ("Date of birth must be a real date"), or undefined when it is a real date or empty. */
export function dateInputIssue(value: string, label: string): string | undefined {
  const reading = readDateParts(dateInputParts(value), label);
  return reading.kind === 'error' ? reading.message : undefined;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time typed in a 24-hour text field as the forms keep it: "9:30" and "9.30" are 09:30; anything else as typed. */
export function typedTimeOfDay(typed: string): string {
  return typed.trim().replace(/^(\d{1,2})[.:](\d{2})$/, (_, h: string, m: string) => `${h.padStart(2, '0')}:${m}`);
}

/** A DateTimeInput's value split into its date (as DateInput holds it) and its time. */
function dateTimeParts(value: string): { date: string; time: string } {
  const at = value.lastIndexOf('T');
  return at >= 0 ? { date: value.slice(0, at), time: value.slice(at + 1) } : { date: value, time: '' };
}

/**
 * What is wrong with a DateTimeInput's value, in GOV.UK's words naming the field ("Due by must be
 * a real date", "Due by must include a time"), or undefined when it is a real date and time or empty.
 */
export function dateTimeInputIssue(value: string, label: string): string | undefined {
  if (!value) return undefined;
  const { date, time } = dateTimeParts(value);
  if (!date) return `${label} must include a date`;
  const dateIssue = dateInputIssue(date, label);
  if (dateIssue) return dateIssue;
  if (!time) return `${label} must include a time`;
  if (!TIME_OF_DAY.test(time)) return `${label} must be a real time on the 24-hour clock, for example 14:30`;
  return undefined;
}

const FIELDS: { name: DatePartName; label: string; width: 2 | 4 }[] = [
  { name: 'day', label: 'Day', width: 2 },
  { name: 'month', label: 'Month', width: 2 },
  { name: 'year', label: 'Year', width: 4 },
];

/**
 * Day, month and year. `id` is the day field's (an error summary's link focuses it); the month
 * and year fields are `<id>-month` and `<id>-year`. The fields an error is about are marked.
 */
export function DateInput({
  id,
  legend,
  hint = 'For example, 27 3 2007',
  value,
  onChange,
  error,
  markFields = true,
}: {
  id: string;
  legend: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** false when the error is about something beside the date (a DateTimeInput's time): no day, month or year field is marked. */
  markFields?: boolean;
}) {
  const [parts, setParts] = useState<DateParts>(() => dateInputParts(value));
  // A value set from outside (a draft restored, a form reset) shows in the fields; adjusted during
  // render when the value changes, and only if the fields do not already read as it.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    if (dateInputValue(parts) !== value) setParts(dateInputParts(value));
  }
  const reading = readDateParts(parts, legend);
  const wrong = new Set<DatePartName>(error && markFields ? (reading.kind === 'error' ? reading.fields : ['day', 'month', 'year']) : []);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const fieldId = (name: DatePartName) => (name === 'day' ? id : `${id}-${name}`);
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" role="group" aria-describedby={describedBy(hintId, error ? errorId : undefined)}>
        <legend className="fieldset__legend">{legend}</legend>
        <p className="hint" id={hintId}>
          {hint}
        </p>
        <FieldError id={errorId} message={error} />
        <div className="date-input">
          {FIELDS.map((f) => (
            <div className="date-input__item" key={f.name}>
              <label className="label date-input__label" htmlFor={fieldId(f.name)}>
                {f.label}
              </label>
              <input
                className={`input date-input__input date-input__input--${f.width}${wrong.has(f.name) ? ' input--error' : ''}`}
                id={fieldId(f.name)}
                name={fieldId(f.name)}
                type="text"
                inputMode={f.name === 'month' ? 'text' : 'numeric'}
                autoComplete="off"
                spellCheck={false}
                value={parts[f.name]}
                aria-invalid={wrong.has(f.name) || undefined}
                onChange={(e) => {
                  const next = { ...parts, [f.name]: e.target.value };
                  setParts(next);
                  onChange(dateInputValue(next));
                }}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A date and a time of day in UK time: the GOV.UK date input and a 24-hour time field ("14:30").
 * Its value is the datetime-local form the forms already read ("2026-11-29T14:30", see
 * `londonLocalToIso`), or what was typed when the fields do not make a real date and time.
 */
export function DateTimeInput({
  id,
  legend,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { date, time } = dateTimeParts(value);
  const join = (d: string, t: string) => (d || t ? `${d}T${typedTimeOfDay(t)}` : '');
  const timeId = `${id}-time`;
  // Which fields an error marks: the date's while the date is not real; then the time's while
  // it is missing or not a time; with both real (say, a time in the past) all of them.
  const dateReal = date !== '' && !dateInputIssue(date, legend);
  const timeReal = TIME_OF_DAY.test(time);
  const timeWrong = Boolean(error) && dateReal;
  return (
    <div className="date-time-input">
      <DateInput id={id} legend={legend} hint={hint ?? 'UK time. For example, 27 3 2026'} value={date} onChange={(d) => onChange(join(d, time))} error={error} markFields={!dateReal || timeReal} />
      <div className="form-group">
        <label className="label" htmlFor={timeId}>
          Time<span className="visually-hidden"> ({legend})</span>
        </label>
        <p className="hint" id={`${timeId}-hint`}>
          24-hour clock, for example 14:30
        </p>
        <input
          className={`input date-input__input--4${timeWrong ? ' input--error' : ''}`}
          id={timeId}
          name={timeId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={`${timeId}-hint`}
          aria-invalid={timeWrong || undefined}
          value={time}
          onChange={(e) => onChange(join(date, e.target.value))}
        />
      </div>
    </div>
  );
}
