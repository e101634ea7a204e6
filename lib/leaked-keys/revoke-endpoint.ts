import 'server-only';
import { readJsonBody } from '@/lib/api/body';
import { log } from '@/lib/logger';
import { handleReportedTokens } from './handle-reported-tokens';
import { countReportCall } from './report-limit';
import { errorAnswer, finish, reportRequestOf } from './report-request';
import { revokeRequestSchema } from './report-schemas';

/** Runs work after the answer is sent: Next's after() in the route; tests pass their own. */
export type AfterResponse = (task: () => Promise<void>) => void;

const ACCEPTED = { message: 'Accepted. Any of these credentials that is a key of this service is handled by its community’s policy for leaked keys.' };

/**
 * POST /api/credentials/revoke, as GitHub's credential revocation API: anyone who finds a key may
 * report it, `{"credentials": ["…"]}`, no authentication, limited per client IP. The answer is 202
 * whatever the credentials are, and it is sent before any of them is looked up, so neither its
 * content nor its timing says which were real; the reports are handled right after it.
 */
export async function answerRevokeRequest(request: Request, afterResponse: AfterResponse): Promise<Response> {
  const facts = reportRequestOf(request);
  try {
    const limited = await countReportCall('revoke', facts.clientIp);
    if (limited) throw limited;
    const { credentials } = await readJsonBody(request, revokeRequestSchema);
    afterResponse(async () => {
      try {
        const { results } = await handleReportedTokens(
          credentials.map((token) => ({ token })),
          { reporter: 'public', reporterIp: facts.clientIp, requestId: facts.requestId, userAgent: facts.userAgent, startedAt: facts.startedAt },
        );
        log.info({ requestId: facts.requestId, clientIp: facts.clientIp, credentials: credentials.length, handled: results }, 'public revoke request');
      } catch (error) {
        log.error({ requestId: facts.requestId, err: error }, 'public revoke request failed after it was accepted');
      }
    });
    return finish(Response.json(ACCEPTED, { status: 202 }), facts);
  } catch (error) {
    return errorAnswer(error, facts);
  }
}
