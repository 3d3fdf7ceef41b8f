/**
 * Forms whose code loads when first needed, not with the page that offers them: a board that is only
 * read does not pay for its forms (nor for zod, which the forms that check answers with the shared
 * schemas bring). The page fetches their code once the browser is idle (usePreloadedForm), so a
 * form still opens after the connection drops: writing offline is how a change gets queued.
 */
import { lazy, Suspense, useEffect, type ComponentType } from 'react';

export interface LazyForm<P> {
  Form: (props: P) => React.JSX.Element;
  /** Fetch the form's code now (again after a failed attempt). */
  preload: () => Promise<unknown>;
}

export function lazyForm<P extends object>(load: () => Promise<ComponentType<P>>): LazyForm<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  const Loaded = lazy(() => preload().then((component) => ({ default: component })));
  function Form(props: P) {
    return (
      <Suspense
        fallback={
          <p className="page-loading" role="status">
            Loading the form…
          </p>
        }
      >
        <Loaded {...props} />
      </Suspense>
    );
  }
  return { Form, preload };
}

/** Fetch a form's code when the browser is idle (Safari has no requestIdleCallback: soon after). */
export function usePreloadedForm<P>(form: LazyForm<P>): void {
  useEffect(() => {
    const preload = () => void form.preload().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(preload);
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(preload, 2_000);
    return () => clearTimeout(timer);
  }, [form]);
}
