/**
 * Every kind of e-mail the product sends, in one table: the mailbox page's labels and the
 * rule "usage notices follow the key's toggle, security notices are always on" read it.
 */
export const MAIL_KINDS = {
  first_use: { label: 'First use', security: false },
  new_ip: { label: 'New IP address', security: false },
  digest: { label: 'Usage digest', security: false },
  ip_refused: { label: 'IP limit refused calls', security: true },
  key_disabled: { label: 'Key disabled', security: true },
  key_rotated: { label: 'Key rotated', security: true },
  key_permissions_widened: { label: 'Permissions widened', security: true },
  key_deleted: { label: 'Key deleted', security: true },
  key_reported_leaked: { label: 'Key reported leaked', security: true },
  // Always sent, like a security notice: a key that stops working unannounced breaks integrations.
  key_expiring: { label: 'Key expiring', security: true },
} as const;

export type MailKind = keyof typeof MAIL_KINDS;

/** What a template renders: both parts of one message. */
export type MailContent = { subject: string; text: string; html: string };

/** A key as every message names it: never the secret, only its hint. */
export type KeyRef = { id: string; name: string; hint: string; communityName: string };

/** One caller of a key, as the usage log records it. */
export type CallerRef = { ip: string; at: Date; integrationName: string | null; userAgent: string | null };

/** Who made an admin change, and from where. */
export type ActorRef = { name: string; email: string; ip: string | null };
