/** What feedback sent through the API can be. The database enum, the API's zod enum and its error message read this list. */
export const FEEDBACK_KINDS = ['bug', 'idea', 'praise'] as const;

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
