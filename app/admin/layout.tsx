import type { ReactNode } from 'react';
import { requireAdmin } from '@/lib/auth';
import { requestPath } from '@/lib/request-path';
import { routes } from '@/lib/routes';

/**
 * Admin pages below stream behind loading.tsx skeletons, and a streamed response has already sent
 * its 200. So the guard runs here too, before anything streams: members get a real 403 and
 * signed-out visitors a real redirect. Every page still checks again, next to its data.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin(await requestPath(routes.communityConfiguration));
  return children;
}
