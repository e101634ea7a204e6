import { describe, expect, it } from 'vitest';
import { onShutdown, runShutdownHooks } from './shutdown';

describe('shutdown hooks', () => {
  it('run in registration order, `last` ones after the rest, and one failure does not stop the others', async () => {
    const ran: string[] = [];
    const failures: string[] = [];
    onShutdown('test-mail', async () => void ran.push('mail'), { last: true });
    onShutdown('test-usage', async () => {
      ran.push('usage');
      throw new Error('database is down');
    });
    onShutdown('test-digests', async () => void ran.push('digests'));
    await runShutdownHooks((name) => failures.push(name));
    expect(ran.filter((name) => ['mail', 'usage', 'digests'].includes(name))).toEqual(['usage', 'digests', 'mail']);
    expect(failures).toContain('test-usage');
  });
});
