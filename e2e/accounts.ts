/** The seeded accounts (server.ts seeds them from the same defaults). */
export const admin = {
  email: process.env.SEED_ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.SEED_ADMIN_PASSWORD ?? 'admin-password',
  storageState: 'e2e/.auth/admin.json',
};
export const member = {
  email: process.env.SEED_MEMBER_EMAIL ?? 'member@example.com',
  password: process.env.SEED_MEMBER_PASSWORD ?? 'member-password',
  storageState: 'e2e/.auth/member.json',
};
