/**
 * The contribution form, loaded when first needed: it checks answers with the shared zod schemas,
 * which a board that is only read does not load. Its code is fetched once the board is idle, so the
 * form still opens after the connection drops (writing offline is how a contribution gets queued).
 */
import { lazy, Suspense, useEffect, type ComponentProps } from 'react';

const loadForm = () => import('./ContributionForm.tsx');
const Form = lazy(() => loadForm().then((m) => ({ default: m.ContributionForm })));

export function ContributionForm(props: ComponentProps<typeof Form>) {
  return (
    <Suspense
      fallback={
        <p className="page-loading" role="status">
          Loading the form…
        </p>
      }
    >
      <Form {...props} />
    </Suspense>
  );
}

/** Fetch the form's code when the browser is idle (Safari has no requestIdleCallback: soon after). */
export function usePreloadedContributionForm(): void {
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => void loadForm());
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(() => void loadForm(), 2_000);
    return () => clearTimeout(timer);
  }, []);
}
