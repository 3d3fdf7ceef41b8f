import { useEffect, useState } from 'react';
import { browserStore } from '../data/storage.ts';

const KEY = 'mashboard:largeScreen';
const store = browserStore();

export function applyLargeScreen(on: boolean): void {
  document.documentElement.classList.toggle('large-screen', on);
}

export function initialLargeScreen(): boolean {
  return store.getItem(KEY) === '1';
}

/** Bigger type and higher contrast for a meeting-room wall screen (remembered on this device). */
export function LargeScreenToggle() {
  const [on, setOn] = useState(initialLargeScreen);
  useEffect(() => {
    applyLargeScreen(on);
    if (on) store.setItem(KEY, '1');
    else store.removeItem(KEY);
  }, [on]);
  return (
    <button type="button" className="button button--secondary button--small" aria-pressed={on} onClick={() => setOn(!on)}>
      {on ? <span aria-hidden="true">✓ </span> : null}
      Large screen
    </button>
  );
}
