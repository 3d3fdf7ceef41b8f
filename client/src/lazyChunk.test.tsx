import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { ChunkBoundary, lazyChunk, useChunk, type Chunk } from './lazyChunk.tsx';

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
    <ChunkBoundary what="form">
      <Suspense fallback={<p>Loading the form…</p>}>
        <Form chunk={chunk} />
      </Suspense>
    </ChunkBoundary>
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
