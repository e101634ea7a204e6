import { describe, expect, it } from 'vitest';
import { createTurnLines } from './usage-spool-turn';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('createTurnLines', () => {
  it("writes a turn's lines in one flush at the end of the turn and releases its waiters after it", async () => {
    const flushes: string[] = [];
    const turn = createTurnLines((data) => flushes.push(data.toString()));
    expect(turn.whenOnDisk()).toBeNull();
    turn.queue('{"a":1}', 8);
    const first = turn.whenOnDisk();
    turn.queue('{"b":2}', 8);
    expect(turn.whenOnDisk()).toBe(first); // one promise per turn
    expect(turn.bytes()).toBe(16);
    let released = false;
    void first!.then(() => (released = true));
    expect(flushes).toEqual([]);
    await nextTurn();
    expect(flushes).toEqual(['{"a":1}\n{"b":2}\n']);
    await first;
    expect(released).toBe(true);
    expect(turn.bytes()).toBe(0);
  });

  it('an early write leaves nothing for the end of the turn; clear gives the lines up and releases the waiters', async () => {
    const flushes: number[] = [];
    const turn = createTurnLines((_, lines) => flushes.push(lines));
    turn.queue('x', 2);
    turn.write();
    await nextTurn();
    expect(flushes).toEqual([1]);
    turn.queue('y', 2);
    const waiting = turn.whenOnDisk();
    turn.clear();
    await waiting;
    await nextTurn();
    expect(flushes).toEqual([1]);
  });
});
