import { describe, expect, it } from 'vitest';
import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it.each([
    ['jira', '%jira%'],
    ['50%', '%50\\%%'],
    ['jira_…3f9a', '%jira\\_…3f9a%'],
    ['a\\b', '%a\\\\b%'],
    ['%_\\', '%\\%\\_\\\\%'],
  ])('%j becomes %j', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
