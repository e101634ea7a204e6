import { apiReferenceBundle } from '@/lib/api-reference-bundle';

/**
 * The API reference's renderer (Scalar), served by the app itself: the page fetches nothing from
 * elsewhere. Next gzips it on the way out (4.8 MB → 1.4 MB); browsers keep it an hour, then revalidate by ETag.
 */
export async function GET(request: Request) {
  const { script, version } = await apiReferenceBundle();
  const etag = `"scalar-${version}"`;
  const headers = { etag, 'cache-control': 'public, max-age=3600', 'content-type': 'text/javascript; charset=utf-8' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(script), { headers });
}
