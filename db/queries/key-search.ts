import 'server-only';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { parseKeySearch } from '@/lib/key-search';
import { getDb } from '../index';
import { apiKeys } from '../schema';

/**
 * The condition on `api_keys` for a key search box's text: that key's id, or a piece of its name or
 * hint (lib/key-search.ts). A hint is ASCII but for its ellipsis, so it is matched under the C
 * collation, whose case folding is ASCII-only and about three times cheaper than the database's
 * Unicode one (a search reads every key of the community); a name may hold any letter and keeps it.
 */
export function keyMatches(text: string): SQL {
  const search = parseKeySearch(text);
  if ('id' in search) return eq(apiKeys.id, search.id);
  return or(ilike(apiKeys.name, search.pattern), sql`${apiKeys.hint} collate "C" ilike ${search.pattern}`) as SQL;
}

/** The ids of this community's keys the text names, deleted keys included (their history is still theirs), as a subquery. */
function keyIdsMatching({ communityId, text }: { communityId: string; text: string }) {
  return getDb()
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.communityId, communityId), keyMatches(text)));
}

/**
 * A few of the keys the text names, to say which keys a filtered log is showing (a key id from a
 * link becomes a name). Deleted keys last; `more` when there are others beyond `limit`.
 */
export async function findMatchingKeys({ communityId, text, limit }: { communityId: string; text: string; limit: number }) {
  const rows = await getDb()
    .select({ id: apiKeys.id, name: apiKeys.name, hint: apiKeys.hint, deleted: sql<boolean>`(${apiKeys.deletedAt} is not null)` })
    .from(apiKeys)
    .where(and(eq(apiKeys.communityId, communityId), keyMatches(text)))
    .orderBy(sql`${apiKeys.deletedAt} is not null`, asc(sql`lower(${apiKeys.name})`), asc(apiKeys.id))
    .limit(limit + 1);
  return { keys: rows.slice(0, limit), more: rows.length > limit };
}

export type MatchingKey = Awaited<ReturnType<typeof findMatchingKeys>>['keys'][number];

/** Up to this many matching keys travel as ids into a log's queries; past it they run the search themselves. */
const INLINE_IDS = 100;

/**
 * A log's Key filter for the text: the keys it names (for the page to show), and what the log's
 * `api_key_id in (…)` reads. A search reads every key of the community, so when it names few keys
 * their ids are passed on and the log's page and count queries do not search again; when it names
 * many, the search goes in as a subquery and Postgres never ships the ids.
 */
export async function keyFilter({ communityId, text }: { communityId: string; text: string }) {
  const { keys, more } = await findMatchingKeys({ communityId, text, limit: INLINE_IDS });
  // The subquery as plain SQL, not a query builder: a builder is a thenable, and awaiting anything that holds it would run it.
  const ids: string[] | SQL = more ? sql`(${keyIdsMatching({ communityId, text })})` : keys.map((key) => key.id);
  return { keys, more, ids };
}

export type KeyFilter = Awaited<ReturnType<typeof keyFilter>>;
/** What a log's Key filter matches `api_key_id` against. */
export type KeyIds = KeyFilter['ids'];
