import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { ErrorBoundary, lazyChunk, useChunk, type Chunk } from './lazyChunk.tsx';

/** A form's code that can be made to fail (the network gone) or come, counting every fetch. */
function formCode() {
  const code = { fetches: 0, online: false };
  const chunk = lazyChunk(() => {
    code.fetches += 1;
    return code.online ? Promise.resolve('the form') : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  });
  return Object.assign(code, { chunk });
}

function Form({ chunk }: { chunk: Chunk<string> }) {
  return <p>{useChunk(chunk)}</p>;
}

function LazyForm({ chunk }: { chunk: Chunk<string> }) {
  return (
    <ErrorBoundary what="form">
      <Suspense fallback={<p>Loading the form…</p>}>
        <Form chunk={chunk} />
      </Suspense>
    </ErrorBoundary>
  );
}

/** Does `change`, then lets the fetches it starts settle and React draw what follows. */
const settled = (change: () => unknown) => act(() => Promise.resolve(void change()));

describe('code that cannot be fetched', () => {
  it('two forms of the same code say so each once, then load with Try again and when the browser is back online', async () => {
    const code = formCode();
    await settled(() =>
      render(
        <>
          <LazyForm chunk={code.chunk} />
          <LazyForm chunk={code.chunk} />
        </>,
      ),
    );
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(Array(2).fill(expect.stringContaining('This form could not be loaded')));
    // One fetch for both, not one each time React draws them again.
    expect(code.fetches).toBe(1);

    // Try again while still offline: one more fetch, for that form only, whose message then has the focus.
    await settled(() => fireEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!));
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(code.fetches).toBe(2);
    expect(document.activeElement).toBe(screen.getAllByRole('alert')[0]);

    code.online = true;
    await settled(() => window.dispatchEvent(new Event('online')));
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
    expect(screen.getAllByText('the form')).toHaveLength(2);
    expect(code.fetches).toBe(3);
  });

  it('a form whose code was fetched before it opened is drawn at once, without “Loading the form…”', async () => {
    const code = formCode();
    code.online = true;
    await code.chunk.preload();
    const { container } = render(<LazyForm chunk={code.chunk} />);
    expect(container.textContent).toBe('the form');
    expect(code.fetches).toBe(1);
  });
});

/** A part of the app with a fault: it throws as it is drawn, as long as `broken` says so, and counts its drawings. */
function faulty() {
  const state = { broken: true, draws: [] as number[] };
  function Part() {
    const { broken, draws } = state;
    draws.push(draws.length);
    if (broken) throw new TypeError("Cannot read properties of undefined (reading 'children')");
    return <p>the page</p>;
  }
  return { state, Part };
}

describe('a part of the app that fails as it is drawn', () => {
  // React reports every error a boundary catches in the console; the test says what it expects instead.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('a page that breaks says so in its place, with Reload the page and no Try again, and is drawn afresh when another page is opened', async () => {
    const page = faulty();
    page.state.broken = false;
    const drawn = (address: string, version: number) => (
      <>
        <header>The header</header>
        <ErrorBoundary what="page" resetKey={address}>
          <page.Part key={version} />
        </ErrorBoundary>
      </>
    );
    const { rerender } = render(drawn('#/cases/1', 1));
    expect(screen.getByText('the page')).toBeTruthy();

    // An update the page cannot draw (say, an answer it did not expect).
    page.state.broken = true;
    rerender(drawn('#/cases/1', 2));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sorry, there is a problem with this page');
    expect(screen.getByRole('alert').textContent).toContain('Reload the page to try again');
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByText('The header')).toBeTruthy();
    // The focus went with what was on screen: the heading takes it, so a screen reader says what happened.
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(console.error).toHaveBeenCalled();

    // Back online is no cure for a fault: nothing is drawn again.
    const draws = page.state.draws.length;
    await settled(() => window.dispatchEvent(new Event('online')));
    expect(page.state.draws).toHaveLength(draws);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sorry, there is a problem with this page');

    page.state.broken = false;
    rerender(drawn('#/cases/2', 2));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('the page')).toBeTruthy();
  });

  it('a form that breaks as it opens says so in its place, and the rest of the page stays', () => {
    const form = faulty();
    render(
      <>
        <h1>A case</h1>
        <ErrorBoundary what="form">
          <form.Part />
        </ErrorBoundary>
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Sorry, there is a problem with this form');
    expect(alert.textContent).toContain('everything else on this page still works');
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('A case');
    expect(document.activeElement).toBe(alert);
  });
});
