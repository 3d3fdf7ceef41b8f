/**
 * Form building blocks in the GOV.UK pattern: a label, a hint, an inline error (prefixed
 * "Error:" for screen readers) and the control described by both.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { FieldIssue } from '@mashboard/shared';

/** The id of a field's control for a dotted issue path: `contrib` + `happened.date` → `contrib-happened-date`. */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** First message for a path (or a path prefix's first child, e.g. `happened` for `happened.date`). */
export function issueFor(issues: readonly FieldIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message;
}

export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

interface ErrorSummaryProps {
  prefix: string;
  issues: readonly FieldIssue[];
  /** Friendly names for paths, put in front of a message that is only a fragment: { basis: 'Basis' }. */
  labels: Record<string, string>;
  /** Bump to move focus to the summary (after a failed submit). */
  focusKey: number;
  /** Map a path to the control that should get focus (defaults to fieldId(prefix, path)). */
  targetFor?: (path: string) => string;
}

function sentence(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Messages that only make sense after the field's name ("must be at most 500 characters"). */
const FRAGMENT = /^(must|cannot|can't|is|are|should|has|was|needs?)\b/i;

/**
 * The line in the error summary, GOV.UK style: the message alone ("Enter your username"), each
 * linking to its field. A bare fragment from the server or the shared rules gets the field's
 * name in front ("Basis must be at most 500 characters", "Date it happened cannot be in the future").
 */
export function issueText(issue: FieldIssue, labels: Record<string, string>): string {
  const message = issue.message.trim();
  if (!FRAGMENT.test(message)) return sentence(message);
  const label = labels[issue.path] ?? labelForPath(issue.path);
  return label ? `${label} ${message.charAt(0).toLowerCase()}${message.slice(1)}` : sentence(message);
}

/** A readable name for a path no label was given for: `referral.referrerName` → "Referrer name". */
function labelForPath(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? '';
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return sentence(words);
}

/** "There is a problem" with a link to each field in error. Focused when focusKey changes. */
export function ErrorSummary({ prefix, issues, labels, focusKey, targetFor }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0 && issues.length) ref.current?.focus();
    // Only when a submit asks for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  if (!issues.length) return null;
  const titleId = `${prefix}-error-summary-title`;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {issues.map((issue, i) => {
          const target = targetFor ? targetFor(issue.path) : fieldId(prefix, issue.path);
          const text = issueText(issue, labels);
          return (
            <li key={`${issue.path}-${i}`}>
              {issue.path ? (
                <a
                  href={`#${target}`}
                  onClick={(e) => {
                    const el = document.getElementById(target);
                    if (!el) return;
                    e.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: 'center' });
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error:</span> {sentence(message)}
    </p>
  );
}

interface BaseFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
}

/** The ids a control is described by: its hint (`<id>-hint`) and its error (`<id>-error`), when shown. */
function fieldDescribedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined);
}

/** The wrapper every single-control field shares: the group, its label, hint and inline error. */
function FormGroup({ id, label, hint, error, className, children }: BaseFieldProps & { children: ReactNode }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  className,
  value,
  onChange,
  onBlur,
  type = 'text',
  autoComplete,
  required,
  inputMode,
  width,
  maxLength,
  disabled,
}: BaseFieldProps & {
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  type?: 'text' | 'password' | 'date' | 'time' | 'datetime-local';
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text';
  width?: 'short' | 'medium' | 'full';
  maxLength?: number;
  disabled?: boolean;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        className={`input input--${width ?? 'full'}`}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        autoComplete={autoComplete}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={required}
        inputMode={inputMode}
        maxLength={maxLength}
        disabled={disabled}
      />
    </FormGroup>
  );
}

export function TextArea({
  id,
  label,
  hint,
  error,
  className,
  value,
  onChange,
  onBlur,
  rows = 4,
  required,
}: BaseFieldProps & { value: string; onChange: (v: string) => void; onBlur?: () => void; rows?: number; required?: boolean }) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        className="textarea"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={required}
      />
    </FormGroup>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  value,
  onChange,
  options,
  placeholder,
}: BaseFieldProps & {
  value: string;
  onChange: (v: string) => void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={fieldDescribedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option while it is chosen (the field it requires). */
  reveal?: ReactNode;
}

/**
 * A fieldset of radios. The first radio carries `id` so error links can focus the group.
 */
export function RadioGroup<V extends string>({
  id,
  name,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
  inline,
  className,
  small,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: V | '' | undefined;
  onChange: (v: V) => void;
  options: readonly RadioOption<V>[];
  inline?: boolean;
  className?: string;
  small?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}${className ? ` ${className}` : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="fieldset__legend">{legend}</legend>
        {hint ? (
          <p className="hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        <FieldError id={`${id}-error`} message={error} />
        <div className={`radios${inline ? ' radios--inline' : ''}${small ? ' radios--small' : ''}`}>
          {options.map((o, i) => {
            const optId = i === 0 ? id : `${id}-${o.value}`;
            const optHint = o.hint ? `${optId}-hint` : undefined;
            const checked = value === o.value;
            return (
              <div key={o.value} className="radios__item-wrap">
                <div className="radios__item">
                  <input className="radios__input" id={optId} type="radio" name={name} value={o.value} checked={checked} onChange={() => onChange(o.value)} aria-describedby={optHint} />
                  <label className="radios__label" htmlFor={optId}>
                    {o.label}
                  </label>
                  {o.hint ? (
                    <p className="hint radios__hint" id={optHint}>
                      {o.hint}
                    </p>
                  ) : null}
                </div>
                {checked && o.reveal ? <div className="radios__conditional">{o.reveal}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({ id, label, checked, onChange, hint }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void; hint?: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="checkboxes__item">
      <input className="checkboxes__input" id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hintId} />
      <label className="checkboxes__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint checkboxes__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
