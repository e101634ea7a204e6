import { API_OPERATIONS } from '@/lib/api/openapi/operations';

/** The integration API's endpoints, as listed in the Integration center: the operations of the OpenAPI document. */
export const API_ENDPOINTS = API_OPERATIONS.map(({ method, path, summary }) => ({ method: method.toUpperCase(), path, summary }));
