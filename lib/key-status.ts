/**
 * The status stored on a key (the database enum reads this list). What the UI shows is the key's
 * state, which adds "expired" from its dates: see `KEY_STATES` in lib/api-keys/key-state.ts.
 */
export const API_KEY_STATUSES = ['enabled', 'disabled', 'deleted'] as const;

export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
