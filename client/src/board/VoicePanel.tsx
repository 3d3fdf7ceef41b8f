import { useState } from 'react';
import { useHighlightedIds } from './highlights.ts';
import { agencyName, HOW_EXPRESSED_LABELS, VOICE_ABSENCE_LABELS, type CaseView, type Child, type VoiceEntry } from '@mashboard/shared';
import { childBirthText, childFullName } from '../data/children.ts';
import type { OutboxItem } from '../data/outbox.ts';
import { formatDateTime, formatHappened } from '../data/time.ts';
import { Icons, PlainBadge } from '../components/Badges.tsx';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';
import { PendingItem } from './PendingItem.tsx';
import { latestVersion } from './restricted.ts';
import { useConcernedNames } from './CasePeople.tsx';

const voiceForm = lazyForm(() => import('./VoiceForms.tsx').then((m) => m.VoiceForm));
const absenceForm = lazyForm(() => import('./VoiceForms.tsx').then((m) => m.AbsenceForm));

function VoiceEntryView({ entry, highlighted }: { entry: VoiceEntry; highlighted: boolean }) {
  const v = latestVersion(entry);
  const about = useConcernedNames(v?.content.personIds);
  if (!v) return null; // nothing this viewer may read
  const c = v.content;
  return (
    <article className={`voice-entry${highlighted ? ' entry--new' : ''}`} aria-label={`Child's voice heard by ${c.heardBy.name}`}>
      {highlighted ? <PlainBadge tone="pending">New</PlainBadge> : null}
      {c.words ? (
        <blockquote className="voice-entry__words">
          <p>
            <span aria-hidden="true">“</span>
            {c.words}
            <span aria-hidden="true">”</span>
          </p>
        </blockquote>
      ) : null}
      <dl className="meta-list">
        {c.wishes ? (
          <>
            <dt>Wishes</dt>
            <dd>{c.wishes}</dd>
          </>
        ) : null}
        {c.feelings ? (
          <>
            <dt>Feelings</dt>
            <dd>{c.feelings}</dd>
          </>
        ) : null}
        {c.observedBehaviour ? (
          <>
            <dt>Observed</dt>
            <dd>{c.observedBehaviour}</dd>
          </>
        ) : null}
        <dt>How</dt>
        <dd>
          {HOW_EXPRESSED_LABELS[c.howExpressed]}
          {c.interpreterLanguage ? ` (${c.interpreterLanguage})` : ''}
        </dd>
        <dt>Where and when</dt>
        <dd>
          {c.circumstances.where}, {formatHappened(c.circumstances.happened)}
        </dd>
        {about ? (
          <>
            <dt>Speaks about</dt>
            <dd>{about}</dd>
          </>
        ) : null}
        {c.circumstances.whoPresent ? (
          <>
            <dt>Who was present</dt>
            <dd>{c.circumstances.whoPresent}</dd>
          </>
        ) : null}
        <dt>Heard by</dt>
        <dd>
          {c.heardBy.name}, {c.heardBy.role}, {c.heardBy.agency}
        </dd>
        <dt>Recorded</dt>
        <dd>
          {formatDateTime(entry.recordedAt)} by {entry.author.name} ({agencyName(entry.agency)}){entry.versions.length > 1 ? `; corrected ${formatDateTime(v.recordedAt)}` : ''}
        </dd>
      </dl>
    </article>
  );
}

function ChildVoice({ caseId, child, view, highlights, pending }: { caseId: string; child: Child; view: CaseView; highlights: Record<string, number>; pending: OutboxItem[] }) {
  const [open, setOpen] = useState<'voice' | 'absence' | null>(null);
  const [message, setMessage] = useState('');
  const entries = view.entries.filter((e): e is VoiceEntry => e.kind === 'voice' && latestVersion(e)?.content.childId === child.id);
  const absence = view.summary.voiceAbsence[child.id];
  const highlighted = useHighlightedIds(highlights);
  const titleId = `voice-child-${child.id}`;
  const done = (m: string) => {
    setOpen(null);
    setMessage(m);
  };
  return (
    <section className={`voice-child${entries.length ? '' : absence ? ' voice-child--explained' : ' voice-child--missing'}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="voice-child__name">
        {childFullName(child)} <span className="voice-child__age">{childBirthText(child)}</span>
      </h3>
      {/* Unexplained silence is a warning; a recorded reason (e.g. a baby) is said plainly, not alarmed. */}
      {entries.length === 0 && !absence ? (
        <div className="warning-text">
          {Icons.warning}
          <strong>No child's voice recorded for {child.firstName}</strong>
        </div>
      ) : null}
      {entries.length === 0 && absence ? (
        <p className="voice-child__status">
          <strong>No child's voice recorded for {child.firstName}: reason given</strong>
        </p>
      ) : null}
      {entries.length === 0 && absence ? (
        <div className="absence">
          <p>
            <strong>Why: </strong>
            {VOICE_ABSENCE_LABELS[absence.reason as keyof typeof VOICE_ABSENCE_LABELS] ?? absence.reason}. {absence.explanation}
          </p>
          <p className="muted">
            Recorded by {absence.recordedBy.name} ({agencyName(absence.recordedBy.agency)}), {formatDateTime(absence.recordedAt)}
          </p>
        </div>
      ) : null}
      {entries.map((e) => (
        <VoiceEntryView key={e.id} entry={e} highlighted={highlighted.has(e.id)} />
      ))}
      {pending.map((item) => (
        <PendingItem key={item.commandId} item={item} />
      ))}
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {open === 'voice' ? (
        <voiceForm.Form caseId={caseId} child={child} onDone={done} onCancel={() => setOpen(null)} />
      ) : open === 'absence' ? (
        <absenceForm.Form caseId={caseId} child={child} onDone={done} onCancel={() => setOpen(null)} />
      ) : (
        <div className="button-group button-group--tight">
          <button type="button" className="button button--secondary button--small" onClick={() => setOpen('voice')}>
            Add child's voice<span className="visually-hidden"> for {child.firstName}</span>
          </button>
          {entries.length === 0 ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen('absence')}>
              {absence ? 'Change why not' : 'Record why not'}
              <span className="visually-hidden"> for {child.firstName}</span>
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

export function VoicePanel({ caseId, view, highlights, outbox }: { caseId: string; view: CaseView; highlights: Record<string, number>; outbox: readonly OutboxItem[] }) {
  usePreloadedForm(voiceForm);
  usePreloadedForm(absenceForm);
  return (
    <section className="panel voice-panel" aria-labelledby="voice-panel-title">
      <h2 id="voice-panel-title" className="panel__title">
        Child's voice
      </h2>
      {view.summary.children.map((child) => (
        <ChildVoice
          key={child.id}
          caseId={caseId}
          child={child}
          view={view}
          highlights={highlights}
          pending={outbox.filter((i) => i.caseId === caseId && (i.name === 'voice.record' || i.name === 'voice.record-absence') && (i.payload as { childId?: string }).childId === child.id)}
        />
      ))}
    </section>
  );
}
