/**
 * The spool's lines of one event-loop turn: queued as the turn's requests record their rows,
 * handed to `flush` in one buffer at the end of the turn (setImmediate), so a busy server makes
 * one write(2) per turn instead of one per request. Whoever waits (whenOnDisk) is released when
 * the lines are written or given up; the release runs after the synchronous write.
 */
export function createTurnLines(flush: (data: Buffer, lines: number) => void) {
  let lines: string[] = [];
  let bytes = 0;
  let onDisk: { promise: Promise<void>; resolve: () => void } | null = null;

  /** The lines are written, or given up: whoever waits on them may answer now. */
  function clear(): void {
    lines = [];
    bytes = 0;
    const waiting = onDisk;
    onDisk = null;
    waiting?.resolve();
  }

  /** One flush for every line queued so far (a spare call after an early write is a no-op). */
  function write(): void {
    if (lines.length === 0) return;
    const data = Buffer.from(`${lines.join('\n')}\n`);
    const count = lines.length;
    clear();
    flush(data, count);
  }

  return {
    /** Bytes queued and not written yet (they count against the segment's and the spool's size). */
    bytes: () => bytes,
    queue(line: string, size: number): void {
      // The turn's first line arranges the turn's write.
      if (lines.push(line) === 1) setImmediate(write);
      bytes += size;
    },
    write,
    clear,
    /** Resolves once every line queued so far is written (or given up); null when nothing is queued. One promise per turn. */
    whenOnDisk(): Promise<void> | null {
      if (lines.length === 0) return null;
      if (!onDisk) {
        let resolve = () => {};
        const promise = new Promise<void>((done) => (resolve = done));
        onDisk = { promise, resolve };
      }
      return onDisk.promise;
    },
  };
}
