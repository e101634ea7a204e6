import 'server-only';
import { headers } from 'next/headers';

/** This deployment's origin as the browser sees it, for showing API URLs to admins. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}
