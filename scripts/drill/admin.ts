import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import type postgres from 'postgres';
import type { Target } from './traffic';

// Auth.js's cookie over plain http; the JWT's salt is the cookie's name.
const SESSION_COOKIE = 'authjs.session-token';

/**
 * The seeded admin's session cookie, signed with the instances' AUTH_SECRET as a sign-in would
 * issue it (the session is a JWT naming the user; every page and action reads the user from the
 * database). Minted here so the drill can sign in while the database is down.
 */
export async function adminCookie(sql: postgres.Sql, authSecret: string): Promise<string> {
  const [admin] = await sql<{ id: string; name: string; email: string }[]>`
    select u.id, u.name, u.email from users u join communities c on c.id = u.community_id
    where c.slug = 'acme' and u.role = 'admin' order by u.created_at limit 1`;
  if (!admin) throw new Error('no seeded admin in community "acme"');
  const token = await encode({ token: { sub: admin.id, name: admin.name, email: admin.email }, secret: authSecret, salt: SESSION_COOKIE, maxAge: 8 * 60 * 60 });
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * The admin's API Keys page, for the traffic loops: a page whose every load reads the database.
 * A streamed page can fail after its 200 went out: app/error.tsx's text marks that.
 */
export const adminPage = (baseUrl: string, cookie: string): Target => ({
  name: 'admin page',
  url: `${baseUrl}/admin/integration-center/api-keys`,
  headers: { cookie },
  check: (status, body) => (status !== 200 ? `page_${status}` : body.includes('Something went wrong') ? 'error_page' : null),
});

/** The id Next gave a server action in this build (.next/server/server-reference-manifest.json). */
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

/**
 * The key page's Disable button, as the browser sends it: a POST of the server action to the
 * page, signed in as the admin. It worked when the RSC payload carries the action's `{"ok":true}`
 * (disabling a disabled key is ok too); otherwise the sample's code is `action_failed`.
 */
export function disableKeyAction(baseUrl: string, cookie: string, keyId: string): Target {
  return {
    name: 'admin action',
    url: `${baseUrl}/admin/integration-center/api-keys/${keyId}`,
    method: 'POST',
    headers: { cookie, 'next-action': actionId('app/admin/integration-center/api-keys/[id]/actions.ts', 'disableApiKeyAction'), 'content-type': 'text/plain;charset=UTF-8', origin: baseUrl, accept: 'text/x-component' },
    body: JSON.stringify([{ id: keyId }]),
    check: (status, body) => (status === 200 && /"ok":true/.test(body) ? null : 'action_failed'),
  };
}
