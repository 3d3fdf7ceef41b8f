/**
 * Baseline for the benchmark: a bare socket.io server (no Redis, no validation, no auth) with the
 * same room layout and the same event shape as Mashboard. Run as a child process:
 *   node --import tsx test/bench/bare-server.ts <port>
 * Prints "ready <port>" when listening.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 256 * 1024, serveClient: false });
const seqByCase = new Map<string, number>();

io.on('connection', (socket) => {
  socket.on('case.join', (payload: { caseId: string }, ack: (r: unknown) => void) => {
    void socket.join(`case:${payload.caseId}`);
    ack({ ok: true, result: { events: [], more: false, viewers: [] } });
  });
  socket.on('contribution.add', (payload: Record<string, unknown> & { caseId: string; commandId: string }, ack: (r: unknown) => void) => {
    const seq = (seqByCase.get(payload.caseId) ?? 0) + 1;
    seqByCase.set(payload.caseId, seq);
    const { commandId, caseId, ...content } = payload;
    const id = `${Date.now()}-${seq}`;
    const event = {
      type: 'contribution.added',
      data: { entryId: `e${seq}`, content },
      id,
      seq,
      caseId,
      at: new Date().toISOString(),
      actor: { userId: 'bench', name: 'Bench', agency: 'police', role: 'practitioner' },
      commandId,
    };
    io.to(`case:${caseId}`).emit('case.event', event);
    ack({ ok: true, result: { caseId, reference: 'BENCH', version: seq, lastEventId: id, entryId: `e${seq}`, duplicate: false } });
  });
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => {
  // Closes every socket and then the HTTP server.
  io.close(() => process.exit(0)).catch(() => process.exit(1));
});
