import { FEEDBACK_KINDS } from '@/lib/feedback-kinds';

/** The integration API's endpoints, as documented in the Integration center. */
export const API_ENDPOINTS = [
  { method: 'GET', path: '/api/v1/me', summary: 'The calling key: id, name, prefix, IP limits, created' },
  { method: 'GET', path: '/api/v1/projects', summary: 'Projects, paginated (?page=&pageSize=)' },
  { method: 'GET', path: '/api/v1/projects/{id}', summary: 'One project' },
  { method: 'GET', path: '/api/v1/members', summary: 'Community members, paginated' },
  { method: 'GET', path: '/api/v1/feedback?projectId=', summary: 'Feedback on a project, paginated' },
  { method: 'POST', path: '/api/v1/feedback', summary: `Send feedback: {projectId, title, body, kind: ${FEEDBACK_KINDS.map((kind) => `"${kind}"`).join(' | ')}} → 201` },
] as const;
