import { z } from 'zod';

/** Most tokens one report may carry, on either endpoint (GitHub's credential revocation API allows 1,000 too). */
export const MAX_REPORTED_TOKENS = 1_000;

const tooMany = `At most ${MAX_REPORTED_TOKENS.toLocaleString('en-US')} tokens per report.`;
// What a scanner says about a match is kept and mailed, so it is cut to a sane length rather than
// refused, without NUL and lone surrogates (Postgres text refuses them, and GitHub would retry forever).
const clipped = (max: number) => z.string().transform((value) => value.replaceAll('\0', '').toWellFormed().slice(0, max));

/** GitHub's secret-scanning report: `[{token, type, url, source}]`. */
export const githubReportSchema = z
  .array(
    z.object({
      token: z.string(),
      type: clipped(200).default(''),
      url: clipped(2_048).optional(),
      source: clipped(200).optional(),
    }),
    { error: 'The body must be a JSON array of {token, type, url, source}.' },
  )
  .max(MAX_REPORTED_TOKENS, tooMany);

/** A public revoke request, as GitHub's credential revocation API takes it: `{"credentials": ["…"]}`. */
export const revokeRequestSchema = z.object({
  credentials: z.array(z.string()).min(1, 'Send at least one credential.').max(MAX_REPORTED_TOKENS, tooMany),
});
