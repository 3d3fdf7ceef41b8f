/**
 * The end of a form: its submit button and the secondary actions beside it (cancel, clear, undo),
 * as the GOV.UK button group. Every form ends with one, so the buttons look, wrap and behave the
 * same everywhere.
 */
import type { ReactNode } from 'react';

export interface SecondaryAction {
  label: ReactNode;
  onClick: () => void;
}

export function FormActions({
  submit,
  busy = false,
  busyText,
  warning = false,
  type = 'submit',
  onSubmit,
  secondary,
  size,
  tight = size === 'small',
  children,
}: {
  /** The submit button's words ("Record decision"). */
  submit: ReactNode;
  /** While the form is sending: the submit button is disabled and says `busyText`. */
  busy?: boolean;
  /** The submit button's words while busy ("Sending…"); unchanged if not given. */
  busyText?: string;
  /** A button that deletes or stops something (GOV.UK warning button). */
  warning?: boolean;
  /** 'button' for a last step outside a <form> (then `onSubmit` runs on click). */
  type?: 'submit' | 'button';
  onSubmit?: () => void;
  /** Secondary buttons after the submit button: cancel, clear, undo. */
  secondary?: SecondaryAction | SecondaryAction[] | null | false;
  /** Small buttons, for forms inside a panel on the board. */
  size?: 'small';
  /** Less space around the group, for a form inside a panel (the default for small buttons). */
  tight?: boolean;
  /** Anything else that belongs in the group, after the secondary buttons. */
  children?: ReactNode;
}) {
  const small = size === 'small' ? ' button--small' : '';
  const others = secondary ? (Array.isArray(secondary) ? secondary : [secondary]) : [];
  return (
    <div className={`button-group${tight ? ' button-group--tight' : ''}`}>
      <button type={type} className={`button${warning ? ' button--warning' : ''}${small}`} disabled={busy || undefined} onClick={type === 'button' ? onSubmit : undefined}>
        {busy && busyText ? busyText : submit}
      </button>
      {others.map((action, i) => (
        <button key={i} type="button" className={`button button--secondary${small}`} onClick={action.onClick}>
          {action.label}
        </button>
      ))}
      {children}
    </div>
  );
}
