/** Submitting one command from a small form: local checks first, then the outbox; errors kept by field path. */
import { useState } from 'react';
import { LIMITS, type CommandInput, type CommandName, type FieldIssue } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import type { SubmitOutcome } from '../data/outbox.ts';
import { londonLocalToIso } from '../data/time.ts';
import { issueFor } from './fields.tsx';
import { dateTimeInputIssue } from './DateInput.tsx';

/**
 * The part every form shares: with local issues, `focusKey` is bumped so the error summary takes
 * focus and nothing is sent; else `busy` while the outbox sends, and an `error` outcome's issues
 * (or its message, path '') go to `onServerIssues` and the summary takes focus again.
 */
function useOutboxSubmit() {
  const { client } = useSession();
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  async function checkAndSend<N extends CommandName>(
    local: FieldIssue[],
    name: N,
    payload: () => CommandInput<N>,
    meta: { label: string; caseId?: string },
    onServerIssues: (issues: FieldIssue[]) => void,
  ): Promise<SubmitOutcome | null> {
    if (local.length) {
      setFocusKey((k) => k + 1);
      return null;
    }
    setBusy(true);
    const outcome = await client.send(name, payload(), meta);
    setBusy(false);
    if (outcome.status === 'error') {
      onServerIssues(outcome.error.issues?.length ? outcome.error.issues : [{ path: '', message: outcome.error.message }]);
      setFocusKey((k) => k + 1);
    }
    return outcome;
  }

  return { focusKey, busy, checkAndSend };
}

/** A small form whose issues are those found at its last submit, cleared by `clearIssues` on a change. */
export function useCommandForm() {
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const { checkAndSend, ...sending } = useOutboxSubmit();

  /** Check, send, and report; resolves to the outcome, or null when the local checks failed. */
  function submit<N extends CommandName>(local: FieldIssue[], name: N, payload: () => CommandInput<N>, meta: { label: string; caseId: string }) {
    setIssues(local);
    return checkAndSend(local, name, payload, meta, setIssues);
  }

  return {
    ...sending,
    issues,
    submit,
    err: (path: string) => issueFor(issues, path),
    clearIssues: () => setIssues([]),
    setIssues,
  };
}

/**
 * A form with a saved draft whose issues follow the draft (`localIssues`, worked out each render).
 * GOV.UK: nothing is in error until the first submit, then the list tracks the person's fixes;
 * `whileTyping` (optional) is what fields show before that. Issues from the server stay until
 * the next change (`changed()`, called with every edit to the draft).
 */
export function useDraftForm(localIssues: FieldIssue[], whileTyping: FieldIssue[] = []) {
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[] | null>(null);
  const { checkAndSend, ...sending } = useOutboxSubmit();
  /** For the error summary. */
  const issues = serverIssues ?? (submitted ? localIssues : []);
  /** For the fields. */
  const shown = serverIssues ?? (submitted ? localIssues : whileTyping);

  /** Check the draft, send, and report; resolves to the outcome, or null when the local checks failed. */
  function submit<N extends CommandName>(name: N, payload: () => CommandInput<N>, meta: { label: string; caseId?: string }) {
    setSubmitted(true);
    setServerIssues(null);
    return checkAndSend(localIssues, name, payload, meta, setServerIssues);
  }

  return {
    ...sending,
    issues,
    shown,
    submit,
    err: (path: string) => issueFor(shown, path),
    changed: () => setServerIssues(null),
    setServerIssues,
  };
}

/** Issues for a required text. */
export function requireText(issues: FieldIssue[], path: string, value: string, message: string, limit: number = LIMITS.mediumText): void {
  if (!value.trim()) issues.push({ path, message });
  else if (value.length > limit) issues.push({ path, message: `must be at most ${limit.toLocaleString('en-GB')} characters` });
}

/**
 * A UK date and time (a DateTimeInput's value) as ISO, checking it is a real time in the future;
 * '' stays undefined unless required. `label` names the field in the message for an impossible
 * date or time ("Due by must be a real date").
 */
export function dueIso(issues: FieldIssue[], path: string, local: string, required: boolean, label: string, now = Date.now()): string | undefined {
  if (!local) {
    if (required) issues.push({ path, message: 'enter the date and time it is due' });
    return undefined;
  }
  const iso = londonLocalToIso(local);
  if (!iso) {
    issues.push({ path, message: dateTimeInputIssue(local, label) ?? 'enter a real date and time, for example 21 11 2026 and 14:30' });
    return undefined;
  }
  if (Date.parse(iso) <= now) {
    issues.push({ path, message: 'must be in the future' });
    return undefined;
  }
  return iso;
}
