import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** The columns most tables share. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const id = () => uuid('id').primaryKey().defaultRandom();
