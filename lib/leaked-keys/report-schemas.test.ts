import { describe, expect, it } from 'vitest';
import { githubReportSchema } from './report-schemas';

describe('a GitHub report’s fields', () => {
  it('keeps what Postgres text can store: no NUL, no lone surrogate, cut to length', () => {
    const [parsed] = githubReportSchema.parse([{ token: 't', type: 'a\u0000b', url: `https://x.test/\u0000${'p'.repeat(3_000)}`, source: 'commit \uD800' }]);
    expect(parsed.type).toBe('ab');
    expect(parsed.url).toHaveLength(2_048);
    expect(parsed.url).not.toContain('\u0000');
    expect(parsed.source).toBe('commit \uFFFD');
  });
});
