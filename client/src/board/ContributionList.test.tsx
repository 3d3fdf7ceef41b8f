import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
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

/** Renders the list in a signed-in session; `drawn` holds how many entries each commit left in the page. */
function renderList(count: number) {
  // A session that never connects: the cards read the signed-in user from it.
  const client = new LiveClient(user, { onSessionEnded: () => {}, store: memoryStore() });
  const entries = Array.from({ length: count }, (_, i) => entry(i + 1));
  const container = document.body.appendChild(document.createElement('div'));
  const drawn: number[] = [];
  const list = createElement(ContributionList, { caseId: 'c1', entries, children: [], highlights: {}, outbox: [] });
  const counted = createElement(Profiler, { id: 'list', onRender: () => drawn.push(container.querySelectorAll('li[data-entry-id]').length) }, list);
  render(createElement(SessionContext.Provider, { value: { client, signOut: async () => {} } }, counted), { container });
  return { container, drawn };
}

describe('a long list of contributions', () => {
  it('draws its first screen first, then every entry, newest first (for the keyboard, screen readers and find)', { timeout: 60_000 }, async () => {
    const count = FIRST_SCREEN_ENTRIES + 10;
    const { container, drawn } = renderList(count);
    await act(async () => {});
    expect(drawn[0]).toBe(FIRST_SCREEN_ENTRIES);
    const ids = [...container.querySelectorAll('li[data-entry-id]')].map((li) => li.getAttribute('data-entry-id'));
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => `e${count - i}`));
  });

  it('a short list is drawn whole at once', { timeout: 60_000 }, () => {
    const { drawn } = renderList(FIRST_SCREEN_ENTRIES);
    expect(drawn).toEqual([FIRST_SCREEN_ENTRIES]);
  });
});
