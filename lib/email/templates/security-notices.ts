import { describeGrant, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES, widens, type KeyPermissions } from '@/lib/api-keys/permissions';
import type { ActorRef, KeyRef, MailContent } from '@/lib/email/mail-kinds';
import { formatCount, formatUtc, keyTitle, plural, renderMail, type Fact } from './layout';

/** Who changed the key, when and from where: the first thing a reader checks on a security notice. */
function changeFacts(at: Date, actor: ActorRef): Fact[] {
  return [
    { label: 'When', value: formatUtc(at) },
    { label: 'By', value: `${actor.name} (${actor.email})` },
    { label: 'From IP address', value: actor.ip ?? 'Unknown' },
  ];
}

const unexpected = (actor: ActorRef) => `If you did not expect this change, ask ${actor.name} (${actor.email}) about it and check the audit log.`;

const STATUS_CHANGES = {
  disabled: {
    kind: 'key_disabled',
    meaning: 'Every integration using this key is now refused with key_disabled until the key is enabled again on its page.',
  },
  deleted: {
    kind: 'key_deleted',
    meaning: 'This is permanent: integrations still using this key get invalid_key. The key page is no longer available; the deletion is recorded in the audit log.',
  },
} as const;

export function renderKeyStatusNotice({
  key,
  keyUrl,
  change,
  at,
  actor,
}: {
  key: KeyRef;
  keyUrl: string;
  change: 'disabled' | 'deleted';
  at: Date;
  actor: ActorRef;
}): MailContent {
  const { kind, meaning } = STATUS_CHANGES[change];
  return renderMail({
    kind,
    key,
    // A deleted key has no page left to open.
    keyUrl: change === 'deleted' ? undefined : keyUrl,
    subject: `${keyTitle(key)} was ${change}`,
    intro: `${actor.name} ${change} this key on ${formatUtc(at)}.`,
    facts: changeFacts(at, actor),
    notes: [meaning, unexpected(actor)],
  });
}

export function renderKeyRotated({
  key,
  keyUrl,
  at,
  actor,
  previousHint,
  graceUntil,
}: {
  key: KeyRef;
  keyUrl: string;
  at: Date;
  actor: ActorRef;
  previousHint: string;
  graceUntil: Date;
}): MailContent {
  // A rotation with no grace period ends the old secret at once; "works until" that same minute would mislead.
  const graceOver = graceUntil.getTime() <= at.getTime();
  return renderMail({
    kind: 'key_rotated',
    key,
    keyUrl,
    subject: `${keyTitle(key)} was rotated`,
    intro: `${actor.name} issued a new secret (${key.hint}) for this key on ${formatUtc(at)}.`,
    facts: [
      ...changeFacts(at, actor),
      { label: 'New secret', value: key.hint },
      { label: 'Old secret', value: `${previousHint}, ${graceOver ? 'stopped working at once' : `works until ${formatUtc(graceUntil)}`}` },
    ],
    notes: [
      graceOver
        ? `Integrations still sending the old secret (${previousHint}) are refused with invalid_key. Give them the new secret.`
        : `Give every integration the new secret before ${formatUtc(graceUntil)}; after that, calls with the old secret (${previousHint}) are refused with invalid_key.`,
      unexpected(actor),
    ],
  });
}

/** A key given more access: which resources, from what to what; the full before/after follows. */
export function renderPermissionsWidened({
  key,
  keyUrl,
  at,
  actor,
  from,
  to,
}: {
  key: KeyRef;
  keyUrl: string;
  at: Date;
  actor: ActorRef;
  from: KeyPermissions;
  to: KeyPermissions;
}): MailContent {
  const widened = widens(from, to).map((resource) => describeGrant(resource, to[resource]));
  return renderMail({
    kind: 'key_permissions_widened',
    key,
    keyUrl,
    subject: `${keyTitle(key)} was given wider permissions`,
    intro: `${actor.name} widened what this key may do on ${formatUtc(at)}: ${widened.join(', ')}.`,
    facts: changeFacts(at, actor),
    tables: [
      {
        title: 'Permissions',
        columns: ['Resource', 'Before', 'After'],
        rows: RESOURCE_VALUES.map((resource) => [PERMISSION_RESOURCES[resource].label, PERMISSION_LEVELS[from[resource]].label, PERMISSION_LEVELS[to[resource]].label]),
      },
    ],
    notes: ['Every integration holding this key can now do this, from its next call.', unexpected(actor)],
  });
}

export type IpRefusedInput = {
  key: KeyRef;
  keyUrl: string;
  at: Date;
  total: number;
  refused: { ip: string; count: number; integrationName: string | null }[];
  ipLimits: string[];
};

export function renderIpRefused({ key, keyUrl, at, total, refused, ipLimits }: IpRefusedInput): MailContent {
  return renderMail({
    kind: 'ip_refused',
    key,
    keyUrl,
    subject: `${keyTitle(key)} refused calls from outside its IP limits`,
    intro: `This key refused ${plural(total, 'call')} from ${plural(refused.length, 'IP address', 'IP addresses')} outside its IP limits.`,
    facts: [
      { label: 'When', value: formatUtc(at) },
      { label: 'Refused calls', value: formatCount(total) },
    ],
    tables: [
      {
        title: 'Refused IP addresses',
        columns: ['IP address', 'Integration (as sent)', 'Calls'],
        rows: refused.map((row) => [row.ip, row.integrationName ?? 'Unknown', row.count]),
      },
      { title: 'Current IP limits', columns: ['Allowed address or range'], rows: ipLimits.map((limit) => [limit]) },
    ],
    notes: [
      'If one of these is a legitimate integration, add its address to the IP limits on the key’s edit page.',
      'If you do not recognise them, someone else may hold the key: rotate it.',
    ],
  });
}
