import { after } from 'next/server';
import { onlyPost } from '@/lib/leaked-keys/report-request';
import { answerRevokeRequest } from '@/lib/leaked-keys/revoke-endpoint';

// Anyone may report a leaked key (SPEC §11): no key, outside the /api/v1 guard, limited per client IP.
export const POST = (request: Request) => answerRevokeRequest(request, after);
export { onlyPost as GET, onlyPost as PUT, onlyPost as PATCH, onlyPost as DELETE };
