import { KEY_STATES } from './key-state';

/** Keys on one page of the API Keys list: enough to scan, small enough to render at 10 000 keys. */
export const KEY_LIST_PAGE_SIZE = 50;

/**
 * The orders the list offers. Newest first is the default: a key just created is at the top, as in
 * Stripe's and GitHub's key lists. Last used puts keys never used last. Each sort pages by its
 * value and the key's id (keyset, no OFFSET); `cursor` says what that value looks like in a URL,
 * and `nullable` whether some keys have none.
 */
export const KEY_LIST_SORTS = {
  newest: { label: 'Newest first', caption: 'newest first', cursor: 'time', nullable: false },
  'last-used': { label: 'Last used', caption: 'most recently used first, never used last', cursor: 'time', nullable: true },
  name: { label: 'Name (A–Z)', caption: 'by name', cursor: 'text', nullable: false },
} as const;

export type KeyListSort = keyof typeof KEY_LIST_SORTS;
export const DEFAULT_KEY_LIST_SORT: KeyListSort = 'newest';
export const KEY_LIST_SORT_VALUES = Object.keys(KEY_LIST_SORTS) as [KeyListSort, ...KeyListSort[]];

/** The states the list can be narrowed to, as the Status column shows them (deleted keys are never listed). */
export const KEY_LIST_STATUS_VALUES = ['enabled', 'disabled', 'expired'] as const satisfies readonly (keyof typeof KEY_STATES)[];
export type KeyListStatus = (typeof KEY_LIST_STATUS_VALUES)[number];
