import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { createElement, Profiler } from 'react';
import type { ContributionEntry, SessionUser } from '@mashboard/shared';
import { SessionContext } from '../data/session.ts';
import { LiveClient } from '../data/live.ts';
import type { KeyValueStore } from '../data/storage.ts';
import { ContributionList, FIRST_SCREEN_ENTRIES } from './ContributionList.tsx';

const police = { userId: 'u1', name: 'DC Sam Evans', agency: 'police' as const, role: 'practitioner' as const };
const user: SessionUser = { ...police, username: 'sevans', agencyName: 'Police', roleLabel: 'Practitioner' };

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

function entry(i: number): ContributionEntry {
  const at = new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString();
  return {
    kind: 'contribution',
    id: `e${i}`,
    caseId: 'c1',
    agency: 'police',
    author: police,
    recordedAt: at,
    restrictedTo: [],
    versions: [
      {
        version: 1,
        content: { text: `Contribution ${i}`, kind: 'fact', timeframe: 'current', happened: { precision: 'unknown' }, source: 'agency-records', childIds: [] },
        recordedAt: at,
        recordedBy: police,
      },
    ],
  };
}

/**
 * Renders the list in a signed-in session; `drawn` holds how many entries each commit left in the
 * page, `marked` how many of them were marked New; `show` draws it again with other entries or highlights.
 */
function renderList(count: number, highlights: Record<string, number> = {}) {
  // A session that never connects: the cards read the signed-in user from it.
  const client = new LiveClient(user, { onSessionEnded: () => {}, store: memoryStore() });
  const container = document.body.appendChild(document.createElement('div'));
  const drawn: number[] = [];
  const marked: number[] = [];
  const page = (entries: ContributionEntry[], shownHighlights: Record<string, number>) => {
    const list = createElement(ContributionList, { caseId: 'c1', entries, children: [], highlights: shownHighlights, outbox: [] });
    const onRender = () => {
      drawn.push(container.querySelectorAll('li[data-entry-id]').length);
      marked.push(container.querySelectorAll('li.entry--new').length);
    };
    return createElement(SessionContext.Provider, { value: { client, signOut: async () => {} } }, createElement(Profiler, { id: 'list', onRender }, list));
  };
  const { rerender } = render(page(entries(count), highlights), { container });
  return { container, drawn, marked, show: (n: number, shownHighlights: Record<string, number>) => rerender(page(entries(n), shownHighlights)) };
}

const entries = (count: number) => Array.from({ length: count }, (_, i) => entry(i + 1));

describe('a long list of contributions', () => {
  it('draws its first screen first, then every entry, newest first (for the keyboard, screen readers and find)', { timeout: 60_000 }, async () => {
    const count = FIRST_SCREEN_ENTRIES + 10;
    const { container, drawn } = renderList(count);
    await act(async () => {});
    expect(drawn[0]).toBe(FIRST_SCREEN_ENTRIES);
    const ids = [...container.querySelectorAll('li[data-entry-id]')].map((li) => li.getAttribute('data-entry-id'));
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => `e${count - i}`));
  });

  it('an entry a colleague added arrives marked New; the marks end in a later render, the cards unchanged meanwhile', { timeout: 60_000 }, async () => {
    const { container, marked, show } = renderList(5);
    await act(async () => {});
    // Three arrive together (a catch-up), highlighted for a while: drawn with their mark, at once.
    const until = Date.now() + 60_000;
    const arrived = { e6: until, e7: until, e8: until };
    const before = marked.length;
    await act(() => Promise.resolve(show(8, arrived)));
    expect(marked[before]).toBe(3);
    expect([...container.querySelectorAll('li.entry--new')].map((li) => li.getAttribute('data-entry-id'))).toEqual(['e8', 'e7', 'e6']);
    // Their highlights end: the first render after keeps the cards as they were, a later one unmarks them.
    const ending = marked.length;
    await act(() => Promise.resolve(show(8, {})));
    expect(marked.slice(ending)).toEqual([3, 0]);
    expect(container.querySelectorAll('li.entry--new')).toHaveLength(0);
  });

  it('a short list is drawn whole at once', { timeout: 60_000 }, () => {
    const { drawn } = renderList(FIRST_SCREEN_ENTRIES);
    expect(drawn).toEqual([FIRST_SCREEN_ENTRIES]);
  });
});

describe('correcting a contribution', () => {
  it('opens the form on that card only; cancelling closes it and puts focus back on its Correct button', { timeout: 60_000 }, async () => {
    document.body.replaceChildren(); // the lists of the tests before: their entries have the same ids
    const { container } = renderList(3);
    await act(async () => {});
    const card = (id: string) => container.querySelector<HTMLElement>(`li[data-entry-id="${id}"]`)!;
    const correctButton = (id: string) => [...card(id).querySelectorAll('button')].find((b) => b.textContent?.startsWith('Correct'));
    // The author may correct each of their entries.
    expect(['e1', 'e2', 'e3'].map((id) => correctButton(id)?.textContent)).toEqual([
      expect.stringContaining('Correct the contribution from DC Sam Evans'),
      expect.stringContaining('Correct the contribution from DC Sam Evans'),
      expect.stringContaining('Correct the contribution from DC Sam Evans'),
    ]);
    await act(() => Promise.resolve(fireEvent.click(correctButton('e2')!)));
    const cancel = await waitFor(() => {
      const button = [...card('e2').querySelectorAll('button')].find((b) => b.textContent === 'Cancel correction');
      if (!button) throw new Error('no correction form on the card');
      return button;
    });
    expect(card('e1').querySelector('form')).toBeNull();
    expect(card('e3').querySelector('form')).toBeNull();
    expect(correctButton('e2')).toBeUndefined();
    await act(() => Promise.resolve(fireEvent.click(cancel)));
    expect(card('e2').querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(correctButton('e2'));
  });
});
