/** What to share: the contributions this reader can see (a restricted one only when ticked again), the child's voice, the protected referrer, and a preview of the pack. */
import { useState } from 'react';
import { agencyName, type CaseView, type ContributionEntry, type SharePack } from '@mashboard/shared';
import { ApiRequestError } from '../../data/api.ts';
import { screensApi } from '../../data/screensApi.ts';
import { selectionOf, type SharingDraft } from '../../data/sharing.ts';
import { formatHappened } from '../../data/time.ts';
import { Checkbox, FieldError, fieldId } from '../../forms/fields.tsx';
import { KindBadge, RestrictedBadge } from '../../components/Badges.tsx';
import { latestContent, restrictedToText } from '../restricted.ts';
import { P } from './paths.ts';
import { SharePackPreview } from './SharePackPreview.tsx';
import { contributionTitle } from './text.ts';
import type { PageProps } from './useSharingForm.ts';

/** The pack as the recipient would see it, made on request for the selection then (kept while the form is open). */
export function useSharePreview(caseId: string, draft: SharingDraft) {
  const [preview, setPreview] = useState<{ key: string; pack: SharePack } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const selectionKey = JSON.stringify(selectionOf(draft));

  async function run() {
    setBusy(true);
    setError('');
    try {
      const pack = await screensApi.sharePackPreview(caseId, selectionOf(draft));
      setPreview({ key: selectionKey, pack });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.error.message : 'The preview could not be made.');
    } finally {
      setBusy(false);
    }
  }

  return { pack: preview?.pack ?? null, outOfDate: preview !== null && preview.key !== selectionKey, error, busy, run };
}

type SharePreview = ReturnType<typeof useSharePreview>;

export function WhatPage({ draft, set, err, title, view, agency, preview }: PageProps & { view: CaseView; agency: string; preview: SharePreview }) {
  const contributions = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
  const visible = contributions.filter((e) => latestContent(e) !== null);
  const withheldCount = contributions.length - visible.length;
  const hasVoice = view.entries.some((e) => e.kind === 'voice' && e.versions.length > 0);
  const holdsProtected = view.summary.referral.identityProtected === true && view.summary.openedBy.agency === agency;
  const without = (ids: string[], id: string) => ids.filter((x) => x !== id);

  return (
    <>
      {title('What to share')}
      <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'selection')}-hint`}>
        <legend className="fieldset__legend">Contributions to share</legend>
        <p className="hint" id={`${fieldId(P, 'selection')}-hint`}>
          Share only what the purpose needs. A restricted entry goes only if you also tick “include although restricted”.
        </p>
        <FieldError id={`${fieldId(P, 'selection')}-error`} message={err('selection.contributionIds')} />
        {visible.length === 0 ? <p className="muted">There are no contributions you can see on this case.</p> : null}
        <ul className="plain-list share-choices" aria-label="Contributions you can share">
          {visible.map((entry, i) => {
            const c = latestContent(entry)!;
            const chosen = draft.contributionIds.includes(entry.id);
            const restricted = entry.restrictedTo.length > 0;
            const restrictText = restrictedToText(entry.agency, entry.restrictedTo);
            return (
              <li key={entry.id} className="share-choice">
                <Checkbox
                  id={i === 0 ? fieldId(P, 'selection') : fieldId(P, `selection-${entry.id}`)}
                  label={
                    <>
                      <span className="share-choice__badges">
                        <KindBadge kind={c.kind} /> {restricted ? <RestrictedBadge text={restrictText} /> : null}
                      </span>{' '}
                      {contributionTitle(entry)}
                    </>
                  }
                  hint={`${agencyName(entry.agency)}, ${entry.author.name}. Happened ${formatHappened(c.happened)}.`}
                  checked={chosen}
                  onChange={(on) =>
                    set({
                      contributionIds: on ? [...draft.contributionIds, entry.id] : without(draft.contributionIds, entry.id),
                      includeRestrictedIds: on ? draft.includeRestrictedIds : without(draft.includeRestrictedIds, entry.id),
                    })
                  }
                />
                {restricted && chosen ? (
                  <div className="checkboxes__conditional">
                    <Checkbox
                      id={fieldId(P, `restricted-${entry.id}`)}
                      label={`Include although restricted (${restrictText})`}
                      hint="Tick only if the recipient needs it and may have it. Otherwise it is left out of the pack."
                      checked={draft.includeRestrictedIds.includes(entry.id)}
                      onChange={(on) => set({ includeRestrictedIds: on ? [...draft.includeRestrictedIds, entry.id] : without(draft.includeRestrictedIds, entry.id) })}
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        {withheldCount ? (
          <p className="muted small">
            {withheldCount} restricted {withheldCount === 1 ? 'entry is' : 'entries are'} not shown: you cannot see {withheldCount === 1 ? 'it' : 'them'}, so you cannot share{' '}
            {withheldCount === 1 ? 'it' : 'them'}.
          </p>
        ) : null}
        <div className="checkboxes">
          {hasVoice ? (
            <Checkbox
              id={fieldId(P, 'includeChildVoice')}
              label="Include the child’s voice"
              hint="The child’s own words, wishes and feelings as recorded."
              checked={draft.includeChildVoice}
              onChange={(v) => set({ includeChildVoice: v })}
            />
          ) : null}
          {holdsProtected ? (
            <Checkbox
              id={fieldId(P, 'includeProtectedIdentity')}
              label="Include the protected referrer’s name and role"
              hint={`Only ${agencyName(agency)} holds it. Include it only if the recipient must know who referred.`}
              checked={draft.includeProtectedIdentity}
              onChange={(v) => set({ includeProtectedIdentity: v })}
            />
          ) : null}
        </div>
      </fieldset>
      <section className="share-preview" aria-labelledby={`${P}-preview-title`}>
        <h3 id={`${P}-preview-title`} className="heading-s">
          Preview
        </h3>
        <p className="hint">Exactly what the recipient will see, with anything chosen but left out, and why.</p>
        <button type="button" className="button button--secondary" onClick={() => void preview.run()} disabled={preview.busy}>
          {preview.busy ? 'Making the preview…' : preview.pack ? 'Preview again' : 'Preview what the recipient will see'}
        </button>
        {preview.error ? (
          <p className="field-error" role="alert">
            {preview.error}
          </p>
        ) : null}
        {preview.outOfDate ? (
          <p className="notice notice--pending" role="status">
            You changed what to share: this preview is out of date. Preview again.
          </p>
        ) : null}
        {preview.pack ? (
          <SharePackPreview
            pack={preview.pack}
            titleFor={(id) => {
              const e = contributions.find((x) => x.id === id);
              return e ? contributionTitle(e) : id;
            }}
          />
        ) : null}
      </section>
    </>
  );
}
