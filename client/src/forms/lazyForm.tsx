/**
 * Forms whose code loads when first needed, not with the page that offers them: a board that is only
 * read does not pay for its forms (nor for zod, which the forms that check answers with the shared
 * schemas bring). The page fetches their code once the browser is idle (usePreloadedForm; the
 * contribution form's as soon as the case is drawn), so a form still opens after the connection
 * drops: writing offline is how a change gets queued. A form whose code could not be fetched in
 * time says so in its place, and loads when the browser is back online (ErrorBoundary).
 */
import { Suspense, useEffect, type ComponentType } from 'react';
import { ErrorBoundary, lazyChunk, useChunk } from '../lazyChunk.tsx';

export interface LazyForm<P> {
  /** The form; a message with Try again in its place if its code cannot be fetched. */
  Form: (props: P) => React.JSX.Element;
  /** Fetch the form's code now (again after a failed attempt). */
  preload: () => Promise<unknown>;
}

export function lazyForm<P extends object>(load: () => Promise<ComponentType<P>>): LazyForm<P> {
  const chunk = lazyChunk(() => load().then((Code) => ({ Code })));
  function Loaded(props: P) {
    const { Code } = useChunk(chunk);
    return <Code {...props} />;
  }
  function Form(props: P) {
    return (
      <ErrorBoundary what="form">
        <Suspense
          fallback={
            <p className="page-loading" role="status">
              Loading the form…
            </p>
          }
        >
          <Loaded {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return { Form, preload: chunk.preload };
}

/** Forms waiting to be fetched, in the order their pages asked; one is fetched at a time. */
const waiting: LazyForm<never>[] = [];
let fetching = false;

function whenIdle(run: () => void): void {
  // On a busy machine the browser may not be idle for a long while: at most a second's wait, so the
  // forms are here before the connection has much chance to drop. Safari has no requestIdleCallback.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 });
  else setTimeout(run, 1_000);
}

function fetchNext(): void {
  const form = waiting.shift();
  if (!form) {
    fetching = false;
    return;
  }
  fetching = true;
  // Each form's code runs (zod's schemas for the first) in an idle moment of its own, not all of
  // them in one: on a slow phone one would hold the page for a tenth of a second.
  whenIdle(() => {
    void form
      .preload()
      .catch(() => undefined)
      .finally(fetchNext);
  });
}

/**
 * Fetch a form's code when the browser is idle, one form after another, so it still opens after
 * the connection drops. A page that goes away before its turn comes takes its forms off the list.
 */
export function usePreloadedForm<P>(form: LazyForm<P>): void {
  useEffect(() => {
    const queued = form as LazyForm<never>;
    waiting.push(queued);
    if (!fetching) fetchNext();
    return () => {
      const at = waiting.indexOf(queued);
      if (at >= 0) waiting.splice(at, 1);
    };
  }, [form]);
}
