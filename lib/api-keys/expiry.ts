/** Expiry choices on the create and edit forms. One table for the select and the server. */
export const EXPIRY_CHOICES = {
  never: { label: 'Never', days: null },
  '30d': { label: '30 days', days: 30 },
  '60d': { label: '60 days', days: 60 },
  '90d': { label: '90 days', days: 90 },
  custom: { label: 'Custom date', days: null },
} as const;

export type ExpiryChoice = keyof typeof EXPIRY_CHOICES;
export const EXPIRY_CHOICE_VALUES = Object.keys(EXPIRY_CHOICES) as [ExpiryChoice, ...ExpiryChoice[]];

/** A new key expires unless the admin chooses Never: a forgotten key stops working by itself. */
export const NEW_KEY_EXPIRY: ExpiryChoice = '90d';

/** The admin is e-mailed this many days before a key expires, and the list warns from then on. */
export const EXPIRY_REMINDER_DAYS = 7;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A custom date (YYYY-MM-DD) means the end of that day, UTC. */
export function parseExpiryDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export function expiryDate(choice: ExpiryChoice, customDate: string, now: Date): Date | null {
  if (choice === 'never') return null;
  if (choice === 'custom') return parseExpiryDate(customDate);
  return new Date(now.getTime() + EXPIRY_CHOICES[choice].days * DAY_MS);
}
