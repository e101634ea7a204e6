import 'server-only';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { mailDelivery, mailOutbox, type MailMessage } from '../schema';

/**
 * Claiming and settling outbox rows. Every function takes its database client as a parameter, so
 * several workers (instances) can share one table; a claim is a lease: `status = 'sending'` until
 * `locked_until`. A worker that dies mid-send leaves the lease to run out, and the row is claimed
 * again. `attempts` goes up by one per claim, so (id, attempts) names one claim.
 */

export type MailDeliveryKind = (typeof mailDelivery.enumValues)[number];

const now = sql`now()`;

const isDue = or(
  and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)),
  // Claimed by a worker that crashed or hung: its lease ran out.
  and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.lockedUntil, now)),
);

/**
 * Claims up to `limit` due rows, oldest due first. Rows another transaction has locked are
 * skipped, so concurrent claims (other instances) never return the same row.
 * `communityId` narrows the claim to one community (tests sharing one database).
 */
export async function claimDueMail({
  db,
  limit,
  leaseMs,
  communityId,
}: {
  db: Db;
  limit: number;
  leaseMs: number;
  communityId?: string;
}): Promise<MailMessage[]> {
  const where = communityId ? and(isDue, eq(mailOutbox.communityId, communityId)) : isDue;
  const claimed = await db.transaction(async (tx) => {
    // Select-then-update in one transaction rather than `update … where id in (select … limit)`:
    // a re-checked subquery with LIMIT can claim more rows than asked for.
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(where)
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({
        status: 'sending',
        attempts: sql`${mailOutbox.attempts} + 1`,
        lockedUntil: sql`now() + ${Math.round(leaseMs)}::integer * interval '1 millisecond'`,
      })
      .where(inArray(mailOutbox.id, due.map((row) => row.id)))
      .returning();
  });
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

const stillSending = (id: string) => and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending'));
/** Still sending under this claim: after a lease takeover the newer claim decides, not this one. */
const stillOurs = (id: string, attempts: number) => and(stillSending(id), eq(mailOutbox.attempts, attempts));

async function settled(rows: Promise<{ id: string }[]>): Promise<boolean> {
  return (await rows).length > 0;
}

/**
 * The message was delivered. Any claim may record that (a delivery that outlived its lease is
 * still a delivery); a row that is no longer 'sending' is left alone. True if the row changed.
 */
export function markMailSent({ db, id, delivery, providerId }: { db: Db; id: string; delivery: MailDeliveryKind; providerId: string | null }): Promise<boolean> {
  return settled(
    db
      .update(mailOutbox)
      .set({ status: 'sent', delivery, providerId, sentAt: now, lockedUntil: null, lastError: null })
      .where(stillSending(id))
      .returning({ id: mailOutbox.id }),
  );
}

/** This attempt failed but may be repeated: back to 'pending' until `nextAttemptAt`. */
export function markMailRetry({ db, id, attempts, error, nextAttemptAt }: { db: Db; id: string; attempts: number; error: string; nextAttemptAt: Date }): Promise<boolean> {
  return settled(
    db
      .update(mailOutbox)
      .set({ status: 'pending', nextAttemptAt, lockedUntil: null, lastError: error })
      .where(stillOurs(id, attempts))
      .returning({ id: mailOutbox.id }),
  );
}

/** The message will never be delivered (refused by the provider, or out of attempts). */
export function markMailFailed({ db, id, attempts, error }: { db: Db; id: string; attempts: number; error: string }): Promise<boolean> {
  return settled(
    db
      .update(mailOutbox)
      .set({ status: 'failed', lockedUntil: null, lastError: error })
      .where(stillOurs(id, attempts))
      .returning({ id: mailOutbox.id }),
  );
}

/**
 * Gives a claimed row back unsent (the worker is stopping, or too little of the lease is left to
 * send it): due again at once, and the claim does not count as an attempt.
 */
export function releaseMail({ db, id, attempts }: { db: Db; id: string; attempts: number }): Promise<boolean> {
  return settled(
    db
      .update(mailOutbox)
      .set({ status: 'pending', attempts: sql`${mailOutbox.attempts} - 1`, lockedUntil: null })
      .where(stillOurs(id, attempts))
      .returning({ id: mailOutbox.id }),
  );
}
