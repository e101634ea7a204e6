import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import type { FeedbackKind } from '@/lib/feedback-kinds';
import { getDb } from '../index';
import { feedback } from '../schema';

const feedbackFields = {
  id: feedback.id,
  projectId: feedback.projectId,
  title: feedback.title,
  body: feedback.body,
  kind: feedback.kind,
  createdAt: feedback.createdAt,
};

export async function listFeedback(opts: { communityId: string; projectId: string; limit: number; offset: number }) {
  const where = and(eq(feedback.communityId, opts.communityId), eq(feedback.projectId, opts.projectId));
  const [rows, [{ total }]] = await Promise.all([
    getDb().select(feedbackFields).from(feedback).where(where).orderBy(desc(feedback.createdAt), desc(feedback.id)).limit(opts.limit).offset(opts.offset),
    getDb().select({ total: count() }).from(feedback).where(where),
  ]);
  return { rows, total };
}

export async function createFeedback(item: {
  communityId: string;
  projectId: string;
  apiKeyId: string;
  title: string;
  body: string;
  kind: FeedbackKind;
}) {
  const [row] = await getDb().insert(feedback).values(item).returning(feedbackFields);
  return row;
}
