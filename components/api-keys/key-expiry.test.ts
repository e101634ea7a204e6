import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiKeyStatus } from '@/lib/key-status';
import { ClockProvider } from '../ui/clock';
import { KeyExpiry } from './key-expiry';

const now = Date.parse('2031-03-09T12:00:00Z');
const DAY = 86_400_000;
// What a sighted reader sees: the screen-reader copy of the exact time is left out.
const visibleText = (html: string) => html.replace(/<span class="sr-only">.*?<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const render = (status: ApiKeyStatus, expiresAt: Date | null) =>
  renderToStaticMarkup(createElement(ClockProvider, { now }, createElement(KeyExpiry, { status, expiresAt, now })));

describe('KeyExpiry', () => {
  it.each<[string, ApiKeyStatus, Date | null, string]>([
    ['no expiry', 'enabled', null, 'Never'],
    ['an expiry weeks away', 'enabled', new Date(now + 20 * DAY), 'in 20 days'],
    ['an expiry within 7 days', 'enabled', new Date(now + 6 * DAY), 'in 6 days Expires soon'],
    ['a disabled key’s near expiry (no reminder goes out)', 'disabled', new Date(now + 6 * DAY), 'in 6 days'],
    ['a past expiry', 'enabled', new Date(now - 3 * DAY), 'Expired 3 days ago'],
  ])('%s reads "%s"', (_case, status, expiresAt, expected) => {
    expect(visibleText(render(status, expiresAt))).toBe(expected);
  });

  it('marks a near expiry in words and colour, not colour alone', () => {
    const html = render('enabled', new Date(now + 2 * DAY));
    expect(html).toContain('text-amber-800');
    expect(html).toContain('Expires soon');
  });
});
