import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ClockProvider } from './clock';
import { DateTime } from './date-time';

const requestTime = Date.parse('2031-03-09T12:00:00Z');
/** As the server renders it: with the request's time from the root layout, the reader's zone unknown. */
const serverRender = (props: Parameters<typeof DateTime>[0]) =>
  renderToStaticMarkup(createElement(ClockProvider, { now: requestTime }, createElement(DateTime, props)));

describe('DateTime', () => {
  it('reads relative to the request’s time, with the exact instant for machines, hover and screen readers', () => {
    const html = serverRender({ value: new Date('2031-03-09T11:57:00Z') });
    expect(html).toBe(
      '<time dateTime="2031-03-09T11:57:00.000Z" title="9 Mar 2031, 11:57:00 UTC">3 minutes ago<span class="sr-only"> (9 Mar 2031, 11:57:00 UTC)</span></time>',
    );
  });

  it('reads the future as "in …"', () => {
    expect(serverRender({ value: new Date('2031-03-21T12:00:00Z') })).toContain('>in 12 days<');
  });

  it('writes a deadline exactly, then how far off it is', () => {
    const html = serverRender({ value: new Date('2031-03-09T14:00:00Z'), format: 'until' });
    expect(html).toBe('<time dateTime="2031-03-09T14:00:00.000Z" title="9 Mar 2031, 14:00:00 UTC">9 Mar 2031, 14:00 UTC</time>, 2 hours from now');
  });
});
