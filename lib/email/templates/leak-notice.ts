import type { KeyRef, MailContent } from '@/lib/email/mail-kinds';
import { LEAK_REPORTERS, LEAK_RESULTS, type LeakReporter, type LeakResult } from '@/lib/leaked-keys/leak-report';
import { formatUtc, keyTitle, renderMail, type Fact } from './layout';

export type LeakNoticeInput = {
  key: KeyRef;
  keyUrl: string;
  /** Opens the key page with its Rotate dialog. */
  rotateUrl: string;
  at: Date;
  reporter: LeakReporter;
  /** The hint of the secret that leaked, and whether it is still the key's current one. */
  secretHint: string;
  currentSecret: boolean;
  /** Where a scanner found it (as the scanner reported it); null for a public revoke request. */
  url: string | null;
  source: string | null;
  tokenType: string | null;
  reporterIp: string | null;
  result: LeakResult;
};

/** Where the secret was found and who reported it: what the reader needs to clean up the leak. */
function reportFacts({ reporter, url, source, tokenType, reporterIp }: LeakNoticeInput): Fact[] {
  if (reporter === 'public') {
    return [
      { label: 'Reported by', value: `${LEAK_REPORTERS.public.label} (anyone holding the secret can send one)` },
      { label: 'Reporter’s IP address', value: reporterIp ?? 'Unknown' },
    ];
  }
  return [
    { label: 'Reported by', value: LEAK_REPORTERS.github.label },
    { label: 'Found at', value: url || 'Not given' },
    { label: 'Source', value: source || 'Not given' },
    ...(tokenType ? [{ label: 'Token type', value: tokenType }] : []),
  ];
}

function intro({ reporter, at, secretHint }: LeakNoticeInput): string {
  const when = formatUtc(at);
  return reporter === 'github'
    ? `GitHub secret scanning found this key’s secret (${secretHint}) in public and reported it on ${when}. Treat it as known to anyone.`
    : `On ${when} someone sent this key’s secret (${secretHint}) to the public revoke endpoint, so it is known outside your integrations.`;
}

/** Security notice for a key whose secret was reported leaked: where, when, and what was done. */
export function renderLeakNotice(input: LeakNoticeInput): MailContent {
  const { key, keyUrl, rotateUrl, at, secretHint, currentSecret, result } = input;
  return renderMail({
    kind: 'key_reported_leaked',
    key,
    keyUrl,
    links: [{ label: 'Rotate the key', url: rotateUrl }],
    subject: `${keyTitle(key)} was reported leaked`,
    intro: intro(input),
    facts: [
      { label: 'When', value: formatUtc(at) },
      ...reportFacts(input),
      { label: 'Leaked secret', value: `${secretHint}${currentSecret ? ' (the key’s current secret)' : ' (an old secret, replaced by a rotation)'}` },
      { label: 'What was done', value: LEAK_RESULTS[result].label },
    ],
    notes: [
      LEAK_RESULTS[result].meaning,
      'Remove the secret from where it was found, including the history of a repository, and check the key’s request log for calls you do not recognise.',
    ],
  });
}
