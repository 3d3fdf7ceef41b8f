/**
 * A meeting's agenda: each item as its children's initials and ages with the rating (a case not
 * shared with the reader's agency stays the neutral placeholder), where the chair is, and for the
 * chair "Move up" / "Move down" to reorder it (keyboard-friendly: focus stays on the moved item).
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError, CaseSummary, MeetingSummary } from '@mashboard/shared';
import { agendaItemCard } from '../data/presentation.ts';
import { RatingBadge } from '../components/Badges.tsx';

/** A key for an agenda item that survives reordering (withheld items have no case id to go by). */
const itemKey = (caseId: string, index: number) => caseId || `withheld-${index}`;

export function MeetingAgenda({
  meeting,
  summaries,
  shown,
  isChair,
  onChoose,
  reorder,
  hint = true,
}: {
  meeting: MeetingSummary;
  /** The agenda's case summaries this reader has. */
  summaries: readonly CaseSummary[];
  /** The item on this screen. */
  shown: number;
  isChair: boolean;
  onChoose: (index: number) => void;
  /** Move an item (the chair only); resolves to the refusal, or null. */
  reorder: (from: number, to: number) => Promise<ApiError | null>;
  hint?: boolean;
}) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // Not a disabled state: disabling the pressed button would throw its focus away.
  const busy = useRef(false);
  /** After a move: the moved item's button to focus once the new order is on screen. */
  const refocus = useRef<{ key: string; which: 'up' | 'down'; index: number } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const canReorder = isChair && meeting.status !== 'ended' && meeting.agenda.length > 1;

  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    const at = meeting.agenda.findIndex((a, i) => itemKey(a.caseId, i) === target.key);
    if (at !== target.index) return; // not moved on screen yet
    refocus.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(`[data-item="${CSS.escape(target.key)}"] button[data-move]`);
    const wanted = [...(buttons ?? [])].find((b) => b.dataset.move === target.which && !b.disabled) ?? [...(buttons ?? [])].find((b) => !b.disabled);
    wanted?.focus();
  }, [meeting.agenda]);

  async function move(from: number, to: number, which: 'up' | 'down', label: string) {
    if (busy.current) return;
    busy.current = true;
    refocus.current = { key: itemKey(meeting.agenda[from]!.caseId, from), which, index: to };
    const error = await reorder(from, to);
    busy.current = false;
    if (error) {
      refocus.current = null;
      setMessage({ error: true, text: error.message });
    } else setMessage({ error: false, text: `Moved ${label} to item ${to + 1}.` });
  }

  return (
    <nav className="meeting-agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title" className="heading-s">
        Agenda
      </h2>
      <ol className="agenda-list" ref={list}>
        {meeting.agenda.map((a, i) => {
          const card = agendaItemCard(
            a,
            summaries.find((s) => s.id === a.caseId),
          );
          const key = itemKey(a.caseId, i);
          const label = `item ${i + 1}, ${card.children}`;
          return (
            <li key={key} data-item={key} className={`agenda-item${i === shown ? ' agenda-item--shown' : ''}`}>
              <button type="button" className="agenda-item__button" aria-current={i === shown ? 'true' : undefined} onClick={() => onChoose(i)}>
                <span className="agenda-item__number">{i + 1}.</span> <span className="agenda-item__children">{card.children}</span>
                {card.known ? (
                  <>
                    {' '}
                    <RatingBadge rating={card.rating} />
                  </>
                ) : null}
                {card.known && card.reference ? <span className="agenda-item__reference"> {card.reference}</span> : null}
              </button>
              {i === meeting.currentItem && meeting.status === 'in-progress' ? <span className="agenda-item__chair"> (chair is here)</span> : null}
              {canReorder ? (
                <span className="agenda-item__move">
                  <button
                    type="button"
                    data-move="up"
                    className="button button--secondary button--small"
                    disabled={i === 0}
                    aria-label={`Move up: ${label}`}
                    onClick={() => void move(i, i - 1, 'up', card.children)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    data-move="down"
                    className="button button--secondary button--small"
                    disabled={i === meeting.agenda.length - 1}
                    aria-label={`Move down: ${label}`}
                    onClick={() => void move(i, i + 1, 'down', card.children)}
                  >
                    Move down
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p role={message?.error ? 'alert' : 'status'} className={message ? (message.error ? 'field-error' : 'hint') : 'visually-hidden'}>
        {message?.text}
      </p>
      {hint ? (
        isChair ? (
          <p className="hint">Choosing an item moves everyone who follows you. Most urgent first (Red first) until you reorder it.</p>
        ) : (
          <p className="hint">Choose an item to browse it; the chair’s screen does not change.</p>
        )
      ) : null}
    </nav>
  );
}
