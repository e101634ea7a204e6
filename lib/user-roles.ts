/** The roles a community member can have. The database enum and the API's member schema read this list. */
export const USER_ROLES = ['admin', 'member'] as const;
