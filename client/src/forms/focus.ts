/** Moving focus after React has drawn the change, never before (a rAF can run before the commit). */
import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A ref for an element that may be absent now (a button hidden while its form is open) and a
 * `focusLater()` that focuses it once the next render is committed. Call it in the same handler
 * that closes the form, so both land in one render.
 */
export function useFocusLater<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useLayoutEffect(() => {
    if (request) ref.current?.focus();
  }, [request]);
  return { ref, focusLater: () => setRequest((n) => n + 1) };
}
