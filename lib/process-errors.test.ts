import { describe, expect, it } from 'vitest';
import { isDriverWriteRace } from './process-errors';

/** The error as Node reports it (porsager/postgres#1154), with the stack it is recognised by. */
function driverError(stack: string) {
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = `TypeError: Cannot read properties of null (reading 'write')\n${stack}`;
  return error;
}

describe('isDriverWriteRace', () => {
  it("recognises postgres.js's write to a closed connection", () => {
    expect(isDriverWriteRace(driverError('    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)'))).toBe(true);
    expect(isDriverWriteRace(driverError('    at Immediate.nextWrite (/app/node_modules/postgres/cjs/src/connection.js:255:22)'))).toBe(true);
  });

  it('leaves every other error to be reported as a failure', () => {
    expect(isDriverWriteRace(driverError('    at Immediate.nextWrite (/app/lib/mine.js:1:1)'))).toBe(false);
    expect(isDriverWriteRace(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDriverWriteRace(new Error('reading write nextWrite postgres/src/connection.js'))).toBe(false);
    expect(isDriverWriteRace('text')).toBe(false);
  });
});
