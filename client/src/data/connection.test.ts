import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { keepJoined, type MashSocket } from './connection.ts';

describe('a live link kept while a screen is mounted', () => {
  it('joins now and after every reconnect, hears its pushes, and stops hearing them once stopped', () => {
    const socket = new EventEmitter();
    let joins = 0;
    const heard: string[] = [];
    const stop = keepJoined(socket as unknown as MashSocket, { 'meetings.changed': (m) => heard.push(m.id) }, () => void joins++);
    expect(joins).toBe(1);
    socket.emit('meetings.changed', { id: 'm1' });
    socket.emit('connect');
    expect(joins).toBe(2);
    stop();
    socket.emit('connect');
    socket.emit('meetings.changed', { id: 'm2' });
    expect({ joins, heard }).toEqual({ joins: 2, heard: ['m1'] });
    expect(socket.eventNames()).toEqual([]);
  });
});
