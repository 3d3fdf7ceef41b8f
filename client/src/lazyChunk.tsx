/**
 * Code fetched when first needed (a page, a form), and the boundary that says so in its place when
 * it cannot be fetched (offline before it was, or the fetch failed) or fails as it is drawn (a fault
 * in the app). Without the boundary either would unmount the whole app and leave a blank page.
 */
import { Component, createContext, Fragment, use, useContext, type ComponentType, type ReactNode } from 'react';

/** A chunk that could not be fetched: ErrorBoundary offers Try again, and tries again once back online. */
class ChunkNotLoaded extends Error {
  constructor(cause: unknown) {
    super('The code could not be fetched', { cause });
  }
}

/** The boundary's attempt at drawing what it holds: Try again starts a new one. */
const Attempt = createContext<object>({});

export interface Chunk<T> {
  /** Fetch the code now (again after a failed fetch). */
  preload: () => Promise<T>;
  /** The fetch an attempt draws from (see lazyChunk). */
  fetched: (attempt: object) => Promise<T>;
}

/**
 * Code fetched once, when first asked for. Its promise is marked the way React's `use` reads
 * promises (status and value or reason), so code already here is drawn at once, without
 * suspending. An attempt that was given a fetch that failed keeps it, so its boundary shows the
 * failure (fetching again each time React draws it again would never end offline); a new attempt,
 * or a preload, fetches again.
 */
export function lazyChunk<T>(load: () => Promise<T>): Chunk<T> {
  let last: Promise<T> | null = null;
  const given = new WeakMap<object, Promise<T>>();
  const failed = (promise: Promise<T>) => (promise as { status?: string }).status === 'rejected';
  const preload = (): Promise<T> => {
    if (last && !failed(last)) return last;
    const promise = load().catch((cause: unknown) => {
      throw new ChunkNotLoaded(cause);
    });
    promise.then(
      (value) => void Object.assign(promise, { status: 'fulfilled', value }),
      (reason: unknown) => void Object.assign(promise, { status: 'rejected', reason }),
    );
    return (last = promise);
  };
  return {
    preload,
    fetched: (attempt) => {
      const before = given.get(attempt);
      if (before && failed(before)) return before;
      const promise = preload();
      given.set(attempt, promise);
      return promise;
    },
  };
}

/** The chunk's code, suspending while it is fetched; a failed fetch goes to the ErrorBoundary. */
export function useChunk<T>(chunk: Chunk<T>): T {
  return use(chunk.fetched(useContext(Attempt)));
}

interface BoundaryProps {
  /** What the chunk draws, named in the message: a page's message is its heading. */
  what: 'page' | 'form';
  /** When this changes (a page boundary's route), what failed is drawn afresh. */
  resetKey?: unknown;
  /** Around the message, where the page has no header and main region of its own yet. */
  frame?: ComponentType<{ children: ReactNode }>;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
  offline: boolean;
  attempt: object;
  resetKey: unknown;
  /** Try again was pressed: its button has gone, so the message takes the focus if nothing has it. */
  retried: boolean;
}

/**
 * Where pages and forms are drawn. When a chunk cannot be fetched (useChunk): a message in its place
 * with Try again, tried again by itself when the browser is back online. When what it holds fails as
 * it is drawn (a fault in the app, which trying again would repeat): a message saying so, with
 * Reload the page, which starts the app afresh from the server's copy of everything. The rest of the
 * app (the header, the other panels) keeps working, and another page can be opened; React reports
 * the error in the browser's console.
 */
export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, offline: false, attempt: {}, resetKey: this.props.resetKey, retried: false };
  private focusTarget: HTMLElement | null = null;
  private setFocusTarget = (element: HTMLElement | null) => {
    this.focusTarget = element;
  };

  static getDerivedStateFromError(error: Error): Partial<BoundaryState> {
    return { error, offline: !navigator.onLine };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    if (props.resetKey === state.resetKey) return null;
    return { resetKey: props.resetKey, ...(state.error ? { error: null, attempt: {}, retried: false } : {}) };
  }

  override componentDidMount() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    // A form that fails as it is first drawn (its code already here) took the place of the button that opened it.
    if (this.state.error) this.focusIfLost();
  }

  override componentWillUnmount() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  override componentDidUpdate(_: BoundaryProps, before: BoundaryState) {
    if (this.state.error && !before.error) this.focusIfLost();
  }

  /**
   * The message takes the focus if nothing has it: a form stands where the button that opened it
   * was; a fault threw the focus away with what was on screen. A page whose code did not come is
   * left to the navigation that opened it (SignedIn focuses its heading), and a fresh load leaves
   * focus alone, until Try again (whose button goes) is pressed.
   */
  private focusIfLost() {
    const lost = !document.activeElement || document.activeElement === document.body;
    const fault = !(this.state.error instanceof ChunkNotLoaded);
    if (lost && (this.props.what === 'form' || this.state.retried || fault)) this.focusTarget?.focus();
  }

  private retry = (retried: boolean) => {
    if (this.state.error) this.setState({ error: null, attempt: {}, retried });
  };

  private onOnline = () => {
    if (this.state.error instanceof ChunkNotLoaded) this.retry(false);
  };

  private onOffline = () => {
    if (this.state.error) this.setState({ offline: true });
  };

  /** What a fault (not a failed fetch) leaves in the page's or form's place. */
  private fault(what: BoundaryProps['what']) {
    const reload = (
      <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    );
    const tell = 'If it happens again, tell your system administrator what you were doing and when.';
    if (what === 'page') {
      return (
        <>
          <h1 tabIndex={-1} ref={this.setFocusTarget}>
            Sorry, there is a problem with this page
          </h1>
          <div className="error-summary" role="alert">
            <p>Something went wrong while showing it. Reload the page to try again. {tell}</p>
            {reload}
          </div>
        </>
      );
    }
    return (
      <div className="error-summary" role="alert" tabIndex={-1} ref={this.setFocusTarget}>
        <h2 className="error-summary__title">Sorry, there is a problem with this form</h2>
        <p>Something went wrong while showing it; everything else on this page still works. Reload the page to try again. {tell}</p>
        {reload}
      </div>
    );
  }

  override render() {
    const { error, offline, attempt } = this.state;
    if (!error) return <Attempt value={attempt}>{this.props.children}</Attempt>;
    const { what, frame: Frame = Fragment } = this.props;
    if (!(error instanceof ChunkNotLoaded)) return <Frame>{this.fault(what)}</Frame>;
    const why = offline
      ? `You are offline, and this ${what} had not been downloaded before the connection dropped. It will load when you are back online.`
      : 'The connection failed. Check your network connection, then try again.';
    const tryAgain = (
      <button type="button" className="button button--secondary" onClick={() => this.retry(true)}>
        Try again
      </button>
    );
    if (what === 'page') {
      return (
        <Frame>
          <h1 tabIndex={-1} ref={this.setFocusTarget}>
            This page could not be loaded
          </h1>
          <div className="error-summary" role="alert">
            <p>{why}</p>
            {tryAgain}
          </div>
        </Frame>
      );
    }
    return (
      <div className="error-summary" role="alert" tabIndex={-1} ref={this.setFocusTarget}>
        <h2 className="error-summary__title">This form could not be loaded</h2>
        <p>{why} Everything else on this page still works.</p>
        {tryAgain}
      </div>
    );
  }
}
