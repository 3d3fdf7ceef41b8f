/**
 * The admin's decision settings on the policy page: the levels of need a decision may name (one a
 * line, in the order the decision form offers them). Saved as a new version; decisions already
 * recorded keep the words they were recorded with.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { DecisionSettingsSchema, issuesFromZod, type DecisionSettings, type FieldIssue } from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { Checkbox, ErrorSummary, fieldId, TextArea } from '../forms/fields.tsx';
import { FormActions } from '../forms/FormActions.tsx';

const P = 'decision-settings';
const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
/** Every issue about a level goes to the one text box. */
const tidy = (i: FieldIssue): FieldIssue => ({ path: i.path.startsWith('thresholds') ? 'thresholds' : i.path, message: i.message.replace(/^thresholds\s/, '') });

export function DecisionSettingsSection() {
  const [settings, setSettings] = useState<DecisionSettings | null>(null);
  const [text, setText] = useState('');
  const [signOff, setSignOff] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    api.decisionSettings().then(
      (s) => (setSettings(s), setText(s.thresholds.join('\n')), setSignOff(s.signOffRequired)),
      (e: unknown) => setLoadError(e instanceof ApiRequestError ? e.error.message : 'The decision settings could not be loaded.'),
    );
  }, []);

  if (!settings) {
    return (
      <section aria-labelledby={`${P}-title`} className="policy-section">
        <h2 id={`${P}-title`}>Decisions: levels of need and sign-off</h2>
        {loadError ? <p className="field-error">{loadError}</p> : <p role="status">Loading…</p>}
      </section>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const candidate = { thresholds: linesOf(text), signOffRequired: signOff };
    const local = DecisionSettingsSchema.safeParse({ ...candidate, version: settings!.version + 1 });
    if (!local.success) {
      setIssues(issuesFromZod(local.error).map(tidy));
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const next = await api.replaceDecisionSettings(settings!.version, candidate);
      setSettings(next);
      setText(next.thresholds.join('\n'));
      setIssues([]);
      setSaved(`Decision settings saved (version ${next.version}).`);
    } catch (error) {
      const apiError = error instanceof ApiRequestError ? error.error : { message: 'The levels could not be saved; try again.', issues: undefined };
      setIssues(apiError.issues?.length ? apiError.issues.map(tidy) : [{ path: '', message: apiError.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  const error =
    issues
      .filter((i) => i.path === 'thresholds')
      .map((i) => i.message)
      .join('; ') || undefined;
  return (
    <section aria-labelledby={`${P}-title`} className="policy-section">
      <h2 id={`${P}-title`}>Decisions: levels of need and sign-off</h2>
      <p className="hint">
        The threshold or level of need a contact decision names, in your local authority's own words. Decisions already recorded keep the words they were recorded with. Version {settings.version}.
      </p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${P}-title`}>
        <ErrorSummary prefix={P} issues={issues} labels={{ thresholds: 'Levels of need' }} focusKey={focusKey} />
        <TextArea
          id={fieldId(P, 'thresholds')}
          label="Levels of need"
          hint="One a line, in the order the decision form offers them (at most 30)."
          rows={6}
          value={text}
          error={error}
          onChange={(v) => (setSaved(''), setText(v))}
        />
        <Checkbox
          id={fieldId(P, 'signOffRequired')}
          label="A MASH manager must sign off every decision"
          hint="A case then closes only once its latest decision is signed off and every follow-up is done."
          checked={signOff}
          onChange={(v) => (setSaved(''), setSignOff(v))}
        />
        <div role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
          {saved}
        </div>
        <FormActions submit="Save decision settings" busy={busy} busyText="Saving…" />
      </form>
    </section>
  );
}
