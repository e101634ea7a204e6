import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IntegrationsSeen } from './integrations-seen';

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const render = (items: Parameters<typeof IntegrationsSeen>[0]['items']) => renderToStaticMarkup(createElement(IntegrationsSeen, { items }));

describe('IntegrationsSeen', () => {
  beforeAll(() => vi.useFakeTimers({ now: new Date('2031-03-15T12:05:00Z'), toFake: ['Date'] }));
  afterAll(() => vi.useRealTimers());

  it('lists each caller with first and last seen and its requests', () => {
    const text = textOf(
      render([
        { integrationName: 'Zapier', userAgent: 'zapier/1.0', ip: '10.0.0.5', firstSeen: new Date('2031-03-10T08:00:00Z'), lastSeen: new Date('2031-03-15T10:05:00Z'), requests: 1234, denied: 3 },
        { integrationName: null, userAgent: null, ip: null, firstSeen: new Date('2031-03-01T00:00:00Z'), lastSeen: new Date('2031-03-01T00:00:00Z'), requests: 1 },
      ]),
    );
    expect(text).toContain('Zapier zapier/1.0 10.0.0.5 5 days ago (10 Mar 2031, 08:00:00 UTC) 2 hours ago (15 Mar 2031, 10:05:00 UTC) 1,234 3 denied');
    expect(text).toContain('Not named None sent Unknown 15 days ago (1 Mar 2031, 00:00:00 UTC) 15 days ago (1 Mar 2031, 00:00:00 UTC) 1 ');
  });

  it('says so when no integration has used the key', () => {
    const html = render([]);
    expect(textOf(html)).toContain('No integration has used this key yet.');
    expect(html).not.toContain('<table');
  });
});
