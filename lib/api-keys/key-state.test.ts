import { describe, expect, it } from 'vitest';
import { keyState } from './key-state';

describe('keyState', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('is enabled without expiry or before it', () => {
    expect(keyState({ status: 'enabled', expiresAt: null }, now)).toBe('enabled');
    expect(keyState({ status: 'enabled', expiresAt: new Date(now + 1000) }, now)).toBe('enabled');
  });
  it('is expired at and after the expiry', () => {
    expect(keyState({ status: 'enabled', expiresAt: new Date(now) }, now)).toBe('expired');
  });
  it('keeps disabled and deleted whatever the expiry', () => {
    expect(keyState({ status: 'disabled', expiresAt: new Date(now - 1) }, now)).toBe('disabled');
    expect(keyState({ status: 'deleted', expiresAt: null }, now)).toBe('deleted');
  });
});
