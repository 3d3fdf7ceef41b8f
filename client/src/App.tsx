import { startTransition, Suspense, useCallback, useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { api, type SessionInfo } from './data/api.ts';
import { SkipLink } from './components/SkipLink.tsx';
import { LargeScreenToggle } from './components/LargeScreen.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { PageLoading } from './components/PageLoading.tsx';
import { loadPageChunk } from './pageChunks.tsx';
import { ErrorBoundary, lazyChunk, useChunk } from './lazyChunk.tsx';
import { earlyAlertsAnswered, fetchEarly } from './data/earlyCase.ts';
import { readUkTimeAside } from './data/ukTime.ts';

/**
 * The signed-in app is a chunk of its own: the sign-in page loads without it. It is drawn once the
 * chunk of the page the address names is here too, fetched beside it: one round of chunks, not
 * two in a row, and one loading screen (React shows a page no sooner than 300 ms after the loading
 * screen it replaces, so a second one would cost that again). And once the alert inbox asked for
 * beside them has answered, so an alert's banner does not push the page down a moment after it
 * is drawn (earlyCase.ts). If it cannot be fetched, the page says so, with Try again; if it fails
 * as it is drawn, with Reload the page (ErrorBoundary).
 */
const signedInApp = lazyChunk(() => Promise.all([import('./SignedInApp.tsx'), loadPageChunk(window.location.hash), earlyAlertsAnswered()]).then(([m]) => m));

function SignedInApp(props: ComponentProps<typeof import('./SignedInApp.tsx').SignedInApp>) {
  const { SignedInApp } = useChunk(signedInApp);
  return <SignedInApp {...props} />;
}

/**
 * Signed in: what can start while the agencies are read and the page's code is on the way (on a
 * phone, most of a second): the code itself, what the page the address names shows (earlyCase.ts),
 * and a worker reading the UK's offsets from UTC so the first render that shows a time builds no
 * date formatter on the page.
 */
function startSignedIn(info: SessionInfo): void {
  fetchEarly(window.location.hash, info.user.role);
  // A chunk that fails to load is fetched again, and its error shown, when the app is drawn.
  signedInApp.preload().catch(() => undefined);
  readUkTimeAside();
}

type Phase = { kind: 'loading' } | { kind: 'unreachable' } | { kind: 'signed-out'; message?: string; providerSignOutUrl?: string } | { kind: 'signed-in'; info: SessionInfo };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  // Sets the phase only when the server answers: the first render already shows 'loading'.
  const loadSession = useCallback(() => {
    api
      .getSession(startSignedIn)
      .then((info) => {
        // The signed-in app is drawn in the background, in slices the browser can interrupt, the
        // loading page staying meanwhile: on a slow phone it would otherwise hold the page at once.
        startTransition(() => setPhase(info ? { kind: 'signed-in', info } : { kind: 'signed-out' }));
      })
      .catch(() => setPhase({ kind: 'unreachable' }));
  }, []);

  useEffect(() => {
    loadSession();
  }, [loadSession]);

  const checkSession = useCallback(() => {
    setPhase({ kind: 'loading' });
    loadSession();
  }, [loadSession]);

  const onSessionEnded = useCallback(
    (message?: string, providerSignOutUrl?: string) => setPhase({ kind: 'signed-out', ...(message ? { message } : {}), ...(providerSignOutUrl ? { providerSignOutUrl } : {}) }),
    [],
  );

  if (phase.kind === 'loading') return <PageLoading />;
  if (phase.kind === 'unreachable') {
    return (
      <PlainPage>
        <h1>Mashboard cannot reach its server</h1>
        <p>Check your network connection, then try again.</p>
        <button type="button" className="button" onClick={checkSession}>
          Try again
        </button>
      </PlainPage>
    );
  }
  if (phase.kind === 'signed-out') {
    return (
      <PlainPage>
        <ErrorBoundary what="page">
          <SignInPage
            message={phase.message}
            providerSignOutUrl={phase.providerSignOutUrl}
            onSignedIn={(info) => {
              startSignedIn(info);
              setPhase({ kind: 'signed-in', info });
            }}
          />
        </ErrorBoundary>
      </PlainPage>
    );
  }
  return (
    <ErrorBoundary what="page" frame={PlainPage}>
      <Suspense fallback={<PageLoading />}>
        <SignedInApp info={phase.info} onSessionEnded={onSessionEnded} />
      </Suspense>
    </ErrorBoundary>
  );
}

/** A page outside the signed-in app: the sign-in page, and what says the app cannot be reached or loaded. */
function PlainPage({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <PlainHeader />
      <main id="main" tabIndex={-1} className="main main--narrow">
        {children}
      </main>
    </>
  );
}

function PlainHeader() {
  return (
    <header className="header" role="banner">
      <div className="header__inner">
        <span className="header__brand">Mashboard</span>
        <div className="header__actions">
          <LargeScreenToggle />
        </div>
      </div>
    </header>
  );
}
