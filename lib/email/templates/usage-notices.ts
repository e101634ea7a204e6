import type { CallerRef, KeyRef, MailContent } from '@/lib/email/mail-kinds';
import { formatCount, formatUtc, formatUtcTime, keyTitle, plural, renderMail, type Fact } from './layout';

/**
 * When and from where one call came; integration and user agent only when the caller sent them,
 * labelled as the caller's own words (anyone holding the key chooses them).
 */
function callerFacts(caller: CallerRef): Fact[] {
  return [
    { label: 'When', value: formatUtc(caller.at) },
    { label: 'IP address', value: caller.ip },
    ...(caller.integrationName ? [{ label: 'Integration (as sent by the caller)', value: caller.integrationName }] : []),
    ...(caller.userAgent ? [{ label: 'User agent (as sent by the caller)', value: caller.userAgent }] : []),
  ];
}

const callerTable = (title: string, callers: CallerRef[]) => ({
  title,
  columns: ['IP address', 'First call', 'Integration (as sent)'],
  rows: callers.map((caller) => [caller.ip, formatUtc(caller.at), caller.integrationName ?? 'Unknown']),
});

/** `others`: further addresses that used the key in the same moment, listed rather than mailed separately. */
export function renderFirstUse({ key, keyUrl, caller, others = [] }: { key: KeyRef; keyUrl: string; caller: CallerRef; others?: CallerRef[] }): MailContent {
  return renderMail({
    kind: 'first_use',
    key,
    keyUrl,
    subject: `${keyTitle(key)} was used for the first time`,
    intro: `An integration called the API with this key for the first time on ${formatUtc(caller.at)}.`,
    facts: callerFacts(caller),
    tables: others.length > 0 ? [callerTable('Also used from', others)] : [],
    notes: ['If you expected this, there is nothing to do. If you do not recognise the address, check the key page.'],
  });
}

/** Every address first seen in one sending window goes into one message, so a new deployment is one e-mail. */
export function renderNewIp({ key, keyUrl, callers }: { key: KeyRef; keyUrl: string; callers: CallerRef[] }): MailContent {
  const [only] = callers;
  const single = callers.length === 1;
  return renderMail({
    kind: 'new_ip',
    key,
    keyUrl,
    subject: single ? `${keyTitle(key)} was used from a new IP address ${only.ip}` : `${keyTitle(key)} was used from ${plural(callers.length, 'new IP address', 'new IP addresses')}`,
    intro: single
      ? 'This key was called from an IP address it has never been used from before.'
      : `This key was called from ${plural(callers.length, 'IP address', 'IP addresses')} it has never been used from before.`,
    facts: single ? callerFacts(only) : [],
    tables: single ? [] : [callerTable('New IP addresses', callers)],
    notes: [
      'If these are your integrations, there is nothing to do. If not, limit the key to known IP addresses on its edit page, or rotate it.',
      'To keep this quiet, at most one such message is sent per hour; further new addresses are listed in the usage digest.',
    ],
  });
}

export type DigestInput = {
  key: KeyRef;
  keyUrl: string;
  from: Date;
  to: Date;
  total: number;
  allowed: number;
  denied: number;
  outcomes: { label: string; count: number }[];
  ips: { ip: string; count: number }[];
  integrations: { name: string; count: number }[];
};

/** "10:00 UTC" when the period started today (UTC), otherwise the full date, so "since" is never ambiguous. */
function since(from: Date, to: Date): string {
  return from.toISOString().slice(0, 10) === to.toISOString().slice(0, 10) ? formatUtcTime(from) : formatUtc(from);
}

export function renderDigest(input: DigestInput): MailContent {
  const { key, keyUrl, from, to, total } = input;
  return renderMail({
    kind: 'digest',
    key,
    keyUrl,
    subject: `${keyTitle(key)}: ${plural(total, 'request')} since ${since(from, to)}`,
    intro: `Between ${formatUtc(from)} and ${formatUtc(to)}, this key was used for ${plural(total, 'request')}.`,
    facts: [
      { label: 'Period', value: `${formatUtc(from)} – ${formatUtc(to)}` },
      { label: 'Requests', value: formatCount(total) },
      { label: 'Allowed', value: formatCount(input.allowed) },
      { label: 'Denied', value: formatCount(input.denied) },
    ],
    tables: [
      { title: 'Outcomes', columns: ['Outcome', 'Requests'], rows: input.outcomes.map((row) => [row.label, row.count]) },
      { title: 'IP addresses', columns: ['IP address', 'Requests'], rows: input.ips.map((row) => [row.ip, row.count]) },
      { title: 'Integrations', columns: ['Integration (as sent)', 'Requests'], rows: input.integrations.map((row) => [row.name, row.count]) },
    ],
  });
}
