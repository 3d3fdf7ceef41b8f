import { describe, expect, it } from 'vitest';
import type { ApiError, CommandName, CommandResult } from '@mashboard/shared';
import { classifyOutcome, Outbox, OutboxRunner, type SendOutcome } from './outbox.ts';
import type { KeyValueStore } from './storage.ts';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const result = (duplicate = false): CommandResult => ({ caseId: 'c1', reference: 'MASH-1', version: 2, lastEventId: '1-0', duplicate });

/** A fake socket: connected or not, answers with scripted outcomes, records every emit. */
function fakeTransport(script: SendOutcome[] = []) {
  const sent: { name: CommandName; payload: unknown }[] = [];
  const t = {
    online: true,
    sent,
    connected: () => t.online,
    emit: (name: CommandName, payload: unknown): Promise<SendOutcome> => {
      sent.push({ name, payload });
      return Promise.resolve(script.shift() ?? { kind: 'ok', result: result() });
    },
  };
  return t;
}

const payload = (commandId: string) => ({
  commandId,
  caseId: 'c1',
  text: 'hello',
  kind: 'fact' as const,
  timeframe: 'current' as const,
  happened: { precision: 'unknown' as const },
  source: 'agency-records' as const,
  childIds: [],
});

const noSleep = { sleep: async () => {}, delay: () => 0 };

describe('classifyOutcome', () => {
  const err = (code: ApiError['code']): SendOutcome => ({ kind: 'error', error: { code, message: code } });
  it('retries timeouts and rate limits, fails definitive errors', () => {
    expect(classifyOutcome({ kind: 'timeout' }, 1)).toBe('retry');
    expect(classifyOutcome(err('rate-limited'), 9)).toBe('retry');
    expect(classifyOutcome(err('unavailable'), 20)).toBe('retry'); // the case store is away: keep it and send again
    expect(classifyOutcome(err('internal'), 1)).toBe('retry');
    expect(classifyOutcome(err('internal'), 5)).toBe('failed');
    expect(classifyOutcome(err('invalid'), 1)).toBe('failed');
    expect(classifyOutcome(err('conflict'), 1)).toBe('failed');
    expect(classifyOutcome(err('unauthenticated'), 1)).toBe('unauthenticated');
    expect(classifyOutcome({ kind: 'ok', result: result() }, 1)).toBe('done');
  });
});

describe('OutboxRunner', () => {
  it('stores before sending and removes on ack', async () => {
    const store = memoryStore();
    const outbox = new Outbox(store, 'ob');
    const t = fakeTransport();
    const runner = new OutboxRunner(outbox, t, {}, noSleep);
    const outcome = await runner.submit('contribution.add', payload('cmd-aaaaaaaa'), { label: 'x', caseId: 'c1' });
    expect(outcome.status).toBe('ok');
    expect(t.sent).toHaveLength(1);
    expect(outbox.items()).toHaveLength(0);
    expect(store.data.has('ob')).toBe(false);
  });

  it('queues while offline (persisted) and sends exactly once on reconnect, same commandId', async () => {
    const store = memoryStore();
    const t = fakeTransport();
    t.online = false;
    const runner = new OutboxRunner(new Outbox(store, 'ob'), t, {}, noSleep);
    const outcome = await runner.submit('contribution.add', payload('cmd-offline1'), { label: 'x', caseId: 'c1' });
    expect(outcome.status).toBe('queued');
    expect(t.sent).toHaveLength(0);
    expect(JSON.parse(store.data.get('ob')!)).toHaveLength(1);

    // a reload: a new runner reads the persisted outbox
    const done: string[] = [];
    const t2 = fakeTransport();
    const runner2 = new OutboxRunner(new Outbox(store, 'ob'), t2, { onDone: (i) => done.push(i.commandId) }, noSleep);
    await Promise.all([runner2.flush(), runner2.flush()]);
    expect(t2.sent).toHaveLength(1);
    expect((t2.sent[0]!.payload as { commandId: string }).commandId).toBe('cmd-offline1');
    expect(done).toEqual(['cmd-offline1']);
    expect(store.data.has('ob')).toBe(false);
    void runner;
  });

  it('resends with the same commandId after a timeout', async () => {
    const t = fakeTransport([{ kind: 'timeout' }, { kind: 'ok', result: result(true) }]);
    const outbox = new Outbox(memoryStore(), 'ob');
    const runner = new OutboxRunner(outbox, t, {}, noSleep);
    const outcome = await runner.submit('contribution.add', payload('cmd-timeout1'), { label: 'x' });
    // the form is told it is queued at the first timeout …
    expect(outcome.status).toBe('queued');
    await runner.flush();
    // … and it is resent with the same id
    expect(t.sent.map((s) => (s.payload as { commandId: string }).commandId)).toEqual(['cmd-timeout1', 'cmd-timeout1']);
    expect(outbox.items()).toHaveLength(0);
  });

  it('gives a definitive error to the waiting form and drops the item', async () => {
    const error: ApiError = { code: 'invalid', message: 'Invalid', issues: [{ path: 'basis', message: 'needed' }] };
    const t = fakeTransport([{ kind: 'error', error }]);
    const outbox = new Outbox(memoryStore(), 'ob');
    const runner = new OutboxRunner(outbox, t, {}, noSleep);
    const outcome = await runner.submit('contribution.add', payload('cmd-invalid1'), { label: 'x' });
    expect(outcome).toEqual({ status: 'error', error });
    expect(outbox.items()).toHaveLength(0);
  });

  it('marks a refused item failed when no form waits (sent after reconnect)', async () => {
    const error: ApiError = { code: 'forbidden', message: 'No' };
    const store = memoryStore();
    const outbox = new Outbox(store, 'ob');
    const t = fakeTransport([{ kind: 'error', error }]);
    t.online = false;
    const failed: string[] = [];
    const runner = new OutboxRunner(outbox, t, { onFailed: (i) => failed.push(i.commandId) }, noSleep);
    await runner.submit('contribution.add', payload('cmd-refused1'), { label: 'x' });
    t.online = true;
    await runner.flush();
    expect(failed).toEqual(['cmd-refused1']);
    expect(outbox.items()[0]).toMatchObject({ status: 'failed', error });
    // failed items are not resent by later flushes
    await runner.flush();
    expect(t.sent).toHaveLength(1);
  });

  it('keeps order and stops on unauthenticated without dropping anything', async () => {
    const t = fakeTransport([{ kind: 'error', error: { code: 'unauthenticated', message: 'signed out' } }]);
    t.online = false;
    const outbox = new Outbox(memoryStore(), 'ob');
    let signedOut = 0;
    const runner = new OutboxRunner(outbox, t, { onUnauthenticated: () => signedOut++ }, noSleep);
    await runner.submit('contribution.add', payload('cmd-first001'), { label: 'x' });
    await runner.submit('contribution.add', payload('cmd-second01'), { label: 'y' });
    t.online = true;
    await runner.flush();
    expect(signedOut).toBe(1);
    expect(outbox.items().map((i) => i.commandId)).toEqual(['cmd-first001', 'cmd-second01']);
  });

  it('tells waiting forms "queued" when the connection drops', async () => {
    let release: (o: SendOutcome) => void = () => {};
    const t = {
      connected: () => true,
      emit: () => new Promise<SendOutcome>((r) => (release = r)),
    };
    const runner = new OutboxRunner(new Outbox(memoryStore(), 'ob'), t, {}, noSleep);
    const p = runner.submit('contribution.add', payload('cmd-dropped1'), { label: 'x' });
    runner.connectionLost();
    expect(await p).toEqual({ status: 'queued' });
    release({ kind: 'ok', result: result() });
  });
});
