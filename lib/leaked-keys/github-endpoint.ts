import 'server-only';
import { readBodyBytes } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { log } from '@/lib/logger';
import { githubPublicKeys, type GithubPublicKeys } from './github-public-keys';
import { handleReportedTokens } from './handle-reported-tokens';
import { countReportCall, reportCallsExhausted } from './report-limit';
import { errorAnswer, finish, parseReportBody, reportRequestOf, type ReportRequest } from './report-request';
import { githubReportSchema } from './report-schemas';
import { verifySignature } from './verify-signature';

export const KEY_IDENTIFIER_HEADER = 'github-public-key-identifier';
export const SIGNATURE_HEADER = 'github-public-key-signature';

/** Why a report's signature was refused: 401 each, and nothing in the body is looked at. */
const REFUSALS = {
  missing_signature: `Send the report signed as GitHub does, with the Github-Public-Key-Identifier and Github-Public-Key-Signature headers.`,
  unknown_public_key: 'GitHub publishes no secret-scanning public key with this identifier.',
  invalid_signature: 'The signature does not match this body and key.',
} as const;

class SignatureRefused extends Error {
  constructor(readonly code: keyof typeof REFUSALS) {
    super(REFUSALS[code]);
  }

  toResponse(request: ReportRequest): Response {
    return finish(Response.json({ error: { code: this.code, message: this.message, requestId: request.requestId } }, { status: 401 }), request);
  }
}

/** The raw body, once its signature checks out with the public key GitHub names. */
async function signedBody(request: Request, keys: GithubPublicKeys): Promise<Buffer> {
  const identifier = request.headers.get(KEY_IDENTIFIER_HEADER)?.trim();
  const signature = request.headers.get(SIGNATURE_HEADER)?.trim();
  if (!identifier || !signature) throw new SignatureRefused('missing_signature');
  // Read before the key is fetched, so a body over 1 MiB costs no fetch; at most 1 MiB is read.
  const body = await readBodyBytes(request);
  const key = await keys.find(identifier);
  if (!key) throw new SignatureRefused('unknown_public_key');
  if (!verifySignature({ body, signature, key })) throw new SignatureRefused('invalid_signature');
  return body;
}

const refused = (error: unknown) => error instanceof SignatureRefused || (error instanceof ApiError && error.status < 500 && error.status !== 429);

/**
 * POST /api/secret-scanning/github, GitHub's secret scanning partner protocol: a signed JSON array
 * of `{token, type, url, source}`; the answer labels each token by the SHA-256 of it, true_positive
 * for a real credential of ours. Real ones are handled by the community's policy before the answer
 * (a 503 makes GitHub retry, and a repeat changes nothing). Nothing changes without a valid signature.
 */
export async function answerGithubReport(request: Request, keys: GithubPublicKeys = githubPublicKeys()): Promise<Response> {
  const facts = reportRequestOf(request);
  try {
    const exhausted = await reportCallsExhausted('github', facts.clientIp);
    if (exhausted) throw exhausted;
    const reports = parseReportBody(await signedBody(request, keys), githubReportSchema);
    const { answers, results } = await handleReportedTokens(reports, { reporter: 'github', reporterIp: facts.clientIp, requestId: facts.requestId, userAgent: facts.userAgent, startedAt: facts.startedAt });
    const truePositives = answers.filter((answer) => answer.label === 'true_positive').length;
    log.info({ requestId: facts.requestId, tokens: reports.length, truePositives, handled: results }, 'secret scanning: GitHub report');
    return finish(Response.json(answers.map(({ tokenHash, label }, i) => ({ token_hash: tokenHash, token_type: reports[i].type, label }))), facts);
  } catch (error) {
    if (refused(error)) {
      await countReportCall('github', facts.clientIp);
      log.info({ requestId: facts.requestId, clientIp: facts.clientIp, refused: error instanceof SignatureRefused ? error.code : (error as ApiError).code }, 'secret scanning: report refused');
    }
    return error instanceof SignatureRefused ? error.toResponse(facts) : errorAnswer(error, facts);
  }
}
