/** localStorage that never throws (private mode, quota, disabled storage). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const memory = new Map<string, string>();
const memoryStore: KeyValueStore = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

export function browserStore(): KeyValueStore {
  try {
    const ls = globalThis.localStorage;
    if (!ls) return memoryStore;
    return {
      getItem: (k) => {
        try {
          return ls.getItem(k);
        } catch {
          return memory.get(k) ?? null;
        }
      },
      setItem: (k, v) => {
        try {
          ls.setItem(k, v);
        } catch {
          memory.set(k, v);
        }
      },
      removeItem: (k) => {
        try {
          ls.removeItem(k);
        } catch {
          /* ignore */
        }
        memory.delete(k);
      },
    };
  } catch {
    return memoryStore;
  }
}

export function readJson<T>(store: KeyValueStore, key: string): T | null {
  const raw = store.getItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.setItem(key, JSON.stringify(value));
}

/** Keys of all the drafts and queued commands of one user (removed on sign-out). */
export function userKeyPrefix(userId: string): string {
  return `mashboard:${userId}:`;
}

export function removeUserData(userId: string): void {
  try {
    const ls = globalThis.localStorage;
    const prefix = userKeyPrefix(userId);
    const doomed: string[] = [];
    for (let i = 0; i < ls.length; i++) {
      const k = ls.key(i);
      if (k?.startsWith(prefix)) doomed.push(k);
    }
    for (const k of doomed) ls.removeItem(k);
  } catch {
    /* ignore */
  }
}
