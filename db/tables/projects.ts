import { index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { FEEDBACK_KINDS } from '../../lib/feedback-kinds';
import { createdAt, id } from './columns';
import { communityId } from './community';
import { apiKeys } from './keys';

/** What the API serves: a community's projects and the feedback on them. */

export const projects = pgTable('projects', {
  id: id(),
  communityId: communityId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
});

export const feedbackKind = pgEnum('feedback_kind', FEEDBACK_KINDS);

export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    communityId: communityId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    kind: feedbackKind('kind').notNull(),
    /** Set when the feedback arrived through the API. */
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_project_created_idx').on(t.projectId, t.createdAt)],
);
