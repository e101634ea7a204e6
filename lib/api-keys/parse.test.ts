import { describe, expect, it, vi } from 'vitest';
import { checksumOf } from './checksum';
import { generateApiKey } from './generate';
import { parseApiKey, type ApiKeyParseFailure } from './parse';

// A fixed, valid key so expectations below are about one known input.
const SECRET = '0123456789ABCDEFGHIJKLMNOPQRSTabcdefghij';
const VALID = `acme_${SECRET}${checksumOf(`acme_${SECRET}`)}`;

/** Parses and turns an accidental throw into a test failure with the offending input. */
function safeParse(raw: unknown) {
  try {
    return parseApiKey(raw);
  } catch (error) {
    throw new Error(`parseApiKey threw for ${String(raw).slice(0, 80)}: ${String(error)}`);
  }
}

function reasonOf(raw: unknown): ApiKeyParseFailure | 'ok' {
  const result = safeParse(raw);
  return result.ok ? 'ok' : result.reason;
}

describe('parseApiKey: valid keys', () => {
  it('accepts a well-formed key and returns its prefix and the key unchanged', () => {
    expect(VALID).toHaveLength(5 + 46);
    expect(parseApiKey(VALID)).toEqual({ ok: true, prefix: 'acme', key: VALID });
  });

  it('splits on the LAST underscore when the prefix contains underscores', () => {
    const body = `my_app-1_${SECRET}`;
    const key = body + checksumOf(body);
    expect(parseApiKey(key)).toEqual({ ok: true, prefix: 'my_app-1', key });
  });
});

describe('parseApiKey: rejections', () => {
  const body46 = VALID.slice(5);
  const cases: Array<[string, ApiKeyParseFailure, unknown]> = [
    ['undefined', 'empty', undefined],
    ['null', 'empty', null],
    ['empty string', 'empty', ''],
    ['number', 'malformed', 123],
    ['object', 'malformed', { key: VALID }],
    ['array', 'malformed', [VALID]],
    ['boolean', 'malformed', true],
    ['String object', 'malformed', new String(VALID)],
    ['whitespace only', 'malformed', '   '],
    ['leading space', 'malformed', ` ${VALID}`],
    ['trailing newline', 'malformed', `${VALID}\n`],
    ['inner space', 'malformed', `acme_ ${body46.slice(1)}`],
    ['Bearer scheme left on', 'malformed', `Bearer ${VALID}`],
    ['129 chars', 'too_long', 'a'.repeat(129)],
    ['10 KB', 'too_long', 'x'.repeat(10 * 1024)],
    ['10 KB of valid key repeated', 'too_long', VALID.repeat(200)],
    ['128 chars of junk (at the limit, so shape-checked)', 'malformed', 'a'.repeat(128)],
    ['emoji', 'malformed', '🔑'.repeat(20)],
    ['emoji in body', 'malformed', `acme_🔑${body46.slice(2)}`],
    ['accented letter in body', 'malformed', `acme_é${body46.slice(1)}`],
    ['fullwidth digit in body', 'malformed', `acme_１${body46.slice(1)}`],
    ['no underscore', 'malformed', `acme${body46}`],
    ['only the body', 'malformed', body46],
    ['nothing after underscore', 'malformed', 'acme_'],
    ['nothing before underscore', 'malformed', `_${body46}`],
    ['body 45 chars', 'malformed', `acme_${body46.slice(1)}`],
    ['body 47 chars', 'malformed', `acme_${body46}0`],
    ['body with -', 'malformed', `acme_-${body46.slice(1)}`],
    ['body with +', 'malformed', `acme_+${body46.slice(1)}`],
    ['body with base64 /', 'malformed', `acme_/${body46.slice(1)}`],
    ['uppercase prefix', 'malformed', `ACME_${body46}`],
    ['prefix starts with digit', 'malformed', `1acme_${body46}`],
    ['prefix one char', 'malformed', `a_${body46}`],
    ['prefix 17 chars', 'malformed', `${'a'.repeat(17)}_${body46}`],
    ['prefix with space', 'malformed', `ac me_${body46}`],
    ['NUL byte', 'malformed', `acme_${body46.slice(0, 45)}\0`],
    ['bad checksum', 'bad_checksum', `acme_${SECRET}000000`],
    ['valid body, other prefix', 'bad_checksum', `acmf_${body46}`],
  ];

  it.each(cases)('%s → %s', (_name, reason, raw) => {
    expect(reasonOf(raw)).toBe(reason);
  });

  it('checks length before anything else, so a huge input never reaches the regex', () => {
    // What it costs is the benchmark's business; here: the order of the checks, which decides it.
    const test = vi.spyOn(RegExp.prototype, 'test');
    for (const huge of [`acme_${'A'.repeat(10_000_000)}`, `ACME ${'\0'.repeat(100_000)}`, '🔑'.repeat(100_000)]) {
      expect(reasonOf(huge)).toBe('too_long');
    }
    expect(test).not.toHaveBeenCalled();
    expect(reasonOf('ACME key')).toBe('malformed');
    expect(test).toHaveBeenCalled(); // the spy does see the regex run for an input of normal length
    test.mockRestore();
  });

  it('never throws on random junk', () => {
    const pool = 'aZ09_- \t\n🔑é\0/+=.';
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(Math.random() * 140);
      let raw = '';
      for (let j = 0; j < length; j++) raw += pool[Math.floor(Math.random() * pool.length)];
      expect(['ok', 'empty', 'too_long', 'malformed', 'bad_checksum']).toContain(reasonOf(raw));
    }
  });

  it('returned failures cannot be mutated to affect later calls', () => {
    const first = parseApiKey('');
    expect(() => {
      (first as { reason: string }).reason = 'changed';
    }).toThrow(TypeError);
    expect(parseApiKey('')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('parseApiKey: single-character errors in generated keys', () => {
  // Real alphabet chars from each class, plus '_' (the separator) to probe the split.
  const REPLACEMENTS = ['0', '7', 'A', 'Q', 'a', 'z', '_'];
  const samples = [
    ...Array.from({ length: 100 }, () => generateApiKey('acme').key),
    ...Array.from({ length: 100 }, () => generateApiKey('my_app-1').key),
  ];

  // Failures are collected and asserted once: ~80k cases, and a readable list if any slip through.
  it('rejects every substitution at every position', () => {
    const accepted: string[] = [];
    const notChecksum: string[] = [];
    let checked = 0;
    for (const key of samples) {
      const bodyStart = key.lastIndexOf('_') + 1;
      for (let i = 0; i < key.length; i++) {
        for (const c of REPLACEMENTS) {
          if (c === key[i]) continue;
          const mutated = key.slice(0, i) + c + key.slice(i + 1);
          const reason = reasonOf(mutated);
          if (reason === 'ok') accepted.push(mutated);
          // CRC32 detects every error confined to 32 bits, so an alphanumeric swap in the body must be a checksum failure.
          if (i >= bodyStart && c !== '_' && reason !== 'bad_checksum') notChecksum.push(`${mutated}: ${reason}`);
          checked++;
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(notChecksum).toEqual([]);
    expect(checked).toBeGreaterThan(200 * 50 * 6);
  });

  it('rejects every single-character deletion', () => {
    const accepted: string[] = [];
    for (const key of samples) {
      for (let i = 0; i < key.length; i++) {
        const mutated = key.slice(0, i) + key.slice(i + 1);
        if (reasonOf(mutated) === 'ok') accepted.push(mutated);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects every single-character insertion', () => {
    const accepted: string[] = [];
    for (const key of samples) {
      for (let i = 0; i <= key.length; i++) {
        for (const c of REPLACEMENTS) {
          const mutated = key.slice(0, i) + c + key.slice(i);
          if (reasonOf(mutated) === 'ok') accepted.push(mutated);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects adjacent transpositions in the body as checksum failures', () => {
    const missed: string[] = [];
    for (const key of samples) {
      const bodyStart = key.lastIndexOf('_') + 1;
      for (let i = bodyStart; i < key.length - 1; i++) {
        if (key[i] === key[i + 1]) continue;
        const mutated = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        const reason = reasonOf(mutated);
        if (reason !== 'bad_checksum') missed.push(`${mutated}: ${reason}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
