/** Submitting one command from a small form: local checks first, then the outbox; errors kept by field path. */
import { useState } from 'react';
import { LIMITS, type CommandInput, type CommandName, type FieldIssue } from '@mashboard/shared';
import { useSession } from '../context.ts';
import type { SubmitOutcome } from '../data/outbox.ts';
import { londonLocalToIso } from '../data/time.ts';
import { issueFor } from './fields.tsx';

export function useCommandForm() {
  const { client } = useSession();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  /** Check, send, and report; resolves to the outcome, or null when the local checks failed. */
  async function submit<N extends CommandName>(
    local: FieldIssue[],
    name: N,
    payload: () => CommandInput<N>,
    meta: { label: string; caseId: string },
  ): Promise<SubmitOutcome | null> {
    setIssues(local);
    if (local.length) {
      setFocusKey((k) => k + 1);
      return null;
    }
    setBusy(true);
    const outcome = await client.send(name, payload(), meta);
    setBusy(false);
    if (outcome.status === 'error') {
      setIssues(outcome.error.issues?.length ? outcome.error.issues : [{ path: '', message: outcome.error.message }]);
      setFocusKey((k) => k + 1);
    }
    return outcome;
  }

  return {
    issues,
    focusKey,
    busy,
    submit,
    err: (path: string) => issueFor(issues, path),
    clearIssues: () => setIssues([]),
    setIssues,
  };
}

/** Issues for a required text. */
export function requireText(issues: FieldIssue[], path: string, value: string, message: string, limit: number = LIMITS.mediumText): void {
  if (!value.trim()) issues.push({ path, message });
  else if (value.length > limit) issues.push({ path, message: `must be at most ${limit.toLocaleString('en-GB')} characters` });
}

/** A UK datetime-local value as ISO, checking it is a real time in the future; '' stays undefined unless required. */
export function dueIso(issues: FieldIssue[], path: string, local: string, required: boolean, now = Date.now()): string | undefined {
  if (!local) {
    if (required) issues.push({ path, message: 'enter the date and time it is due' });
    return undefined;
  }
  const iso = londonLocalToIso(local);
  if (!iso) {
    issues.push({ path, message: 'enter a real date and time, for example 21/11/2026 14:30' });
    return undefined;
  }
  if (Date.parse(iso) <= now) {
    issues.push({ path, message: 'must be in the future' });
    return undefined;
  }
  return iso;
}
