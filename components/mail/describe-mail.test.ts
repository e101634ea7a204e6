import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIL_STATES, mailKindLabel, mailState, type MailStatusFields } from './describe-mail';
import { MailStatus } from './mail-status';

const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
const nextAttemptAt = new Date('2031-03-15T10:05:00Z');
const statusText = (fields: MailStatusFields, lastError: string | null = null) =>
  textOf(renderToStaticMarkup(createElement(MailStatus, { ...fields, nextAttemptAt, lastError })));

describe('mailState', () => {
  it('tells a first try from a retry, and says where a sent message went', () => {
    expect(mailState({ status: 'pending', delivery: null, attempts: 0 })).toBe('queued');
    expect(mailState({ status: 'pending', delivery: null, attempts: 2 })).toBe('retrying');
    expect(mailState({ status: 'sending', delivery: null, attempts: 1 })).toBe('sending');
    expect(mailState({ status: 'failed', delivery: null, attempts: 12 })).toBe('failed');
    expect(mailState({ status: 'sent', delivery: 'mailbox', attempts: 1 })).toBe('mailbox');
    expect(mailState({ status: 'sent', delivery: 'resend', attempts: 1 })).toBe('resend');
    expect(mailState({ status: 'sent', delivery: null, attempts: 1 })).toBe('sent');
  });
});

describe('MailStatus', () => {
  // The next try is shown relative to now: two minutes before it.
  beforeAll(() => vi.useFakeTimers({ now: new Date('2031-03-15T10:03:00Z'), toFake: ['Date'] }));
  afterAll(() => vi.useRealTimers());

  it('reads as a sentence an admin understands', () => {
    expect(statusText({ status: 'sent', delivery: 'mailbox', attempts: 1 })).toBe(MAIL_STATES.mailbox.label);
    expect(statusText({ status: 'sent', delivery: 'resend', attempts: 1 })).toBe('Sent via Resend');
    expect(statusText({ status: 'pending', delivery: null, attempts: 0 })).toBe('Queued');
    expect(statusText({ status: 'sending', delivery: null, attempts: 0 })).toBe('Sending');
    expect(statusText({ status: 'pending', delivery: null, attempts: 2 }, 'timeout')).toBe('Retrying — attempt 3, next try in 2 minutes (15 Mar 2031, 10:05:00 UTC)');
    expect(statusText({ status: 'failed', delivery: null, attempts: 12 }, 'Resend 422: invalid from')).toBe('Failed after 12 attempts: Resend 422: invalid from');
    expect(statusText({ status: 'failed', delivery: null, attempts: 1 })).toBe('Failed after 1 attempt');
  });

  it('escapes a provider error instead of rendering it as markup', () => {
    const html = renderToStaticMarkup(createElement(MailStatus, { status: 'failed', delivery: null, attempts: 1, nextAttemptAt, lastError: '<b>bad</b>' }));
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });
});

describe('mailKindLabel', () => {
  it('labels known kinds, security notices in amber, and shows an unknown kind as stored', () => {
    expect(mailKindLabel('first_use')).toEqual({ label: 'First use', tone: 'slate' });
    expect(mailKindLabel('key_disabled')).toEqual({ label: 'Key disabled', tone: 'amber' });
    expect(mailKindLabel('hasOwnProperty')).toEqual({ label: 'hasOwnProperty', tone: 'slate' });
  });
});
