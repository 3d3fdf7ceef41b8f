/** Form drafts kept in localStorage per user and case, so a dropped connection or reload loses nothing. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserStore, readJson, userKeyPrefix, writeJson } from './storage.ts';

const store = browserStore();

export function draftKey(userId: string, caseId: string, form: string): string {
  return `${userKeyPrefix(userId)}draft:${caseId}:${form}`;
}

export function loadDraft<T>(key: string): T | null {
  return readJson<{ v: 1; draft: T }>(store, key)?.draft ?? null;
}

export function saveDraft<T>(key: string, draft: T): void {
  writeJson(store, key, { v: 1, draft, savedAt: new Date().toISOString() });
}

export function clearDraft(key: string): void {
  store.removeItem(key);
}

/**
 * State that is saved to localStorage on every change. `restored` is true when a saved draft
 * was found on mount. `reset` clears both the state and the stored copy.
 */
export function usePersistentDraft<T extends object>(key: string, initial: () => T) {
  const [restored] = useState(() => loadDraft<T>(key) !== null);
  const [draft, setDraft] = useState<T>(() => {
    const saved = loadDraft<T>(key);
    return saved ? { ...initial(), ...saved } : initial();
  });
  const dirty = useRef(false);
  useEffect(() => {
    if (dirty.current) saveDraft(key, draft);
  }, [key, draft]);
  const update = useCallback((patch: Partial<T> | ((d: T) => T)) => {
    dirty.current = true;
    setDraft((d) => (typeof patch === 'function' ? patch(d) : { ...d, ...patch }));
  }, []);
  const reset = useCallback(
    (next?: T) => {
      dirty.current = false;
      clearDraft(key);
      setDraft(next ?? initial());
    },
    // initial is a fresh closure each render; the key is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  return { draft, update, reset, restored };
}
