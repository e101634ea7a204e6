// Every table, one file per area (db/tables/); drizzle-kit reads them through this file
// (drizzle.config.ts), and queries import them from here.
import { apiKeys } from './tables/keys';
import { communities, userRole, users } from './tables/community';
import { mailOutbox } from './tables/mail';

export * from './tables/community';
export * from './tables/keys';
export * from './tables/usage';
export * from './tables/mail';
export * from './tables/projects';

export type Community = typeof communities.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Role = (typeof userRole.enumValues)[number];
export type MailMessage = typeof mailOutbox.$inferSelect;
