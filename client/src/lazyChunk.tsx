/**
 * Code fetched when first needed (a page, a form), and the boundary that says so in its place when
 * it cannot be fetched (offline before it was, or the fetch failed). Without the boundary the failed
 * fetch would unmount the whole app and leave a blank page.
 */
import { Component, createContext, Fragment, use, useContext, type ComponentType, type ReactNode } from 'react';

/** A chunk that could not be fetched: the only error ChunkBoundary stands in for. */
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

/** The chunk's code, suspending while it is fetched; a failed fetch goes to the ChunkBoundary. */
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
 * Where chunks are drawn (useChunk): when one cannot be fetched, a message in its place with Try
 * again, tried again by itself when the browser is back online. Any other error passes on.
 */
export class ChunkBoundary extends Component<BoundaryProps, BoundaryState> {
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
  }

  override componentWillUnmount() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  override componentDidUpdate(_: BoundaryProps, before: BoundaryState) {
    // A form stands where the button that opened it was; a page's heading is focused by the
    // navigation that opened it (SignedIn), and a fresh load leaves focus alone.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (this.state.error && !before.error && lost && (this.props.what === 'form' || this.state.retried)) this.focusTarget?.focus();
  }

  private retry = (retried: boolean) => {
    if (this.state.error) this.setState({ error: null, attempt: {}, retried });
  };

  private onOnline = () => this.retry(false);

  private onOffline = () => {
    if (this.state.error) this.setState({ offline: true });
  };

  override render() {
    const { error, offline, attempt } = this.state;
    if (!error) return <Attempt value={attempt}>{this.props.children}</Attempt>;
    if (!(error instanceof ChunkNotLoaded)) throw error;
    const { what, frame: Frame = Fragment } = this.props;
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
