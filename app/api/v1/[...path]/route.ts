import { ApiError } from '@/lib/api/errors';
import { guarded } from '@/lib/api/guard';

// Unknown /api/v1 paths still go through the guard, then answer a JSON 404: no resource, no permission.
const notFound = guarded({ permission: 'none' }, async () => {
  throw new ApiError('not_found', 'There is no such endpoint. See the Integration center for the list.');
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
