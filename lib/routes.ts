/** Every admin URL in one table: navigation, breadcrumbs, guards and tests read it from here. */
export const routes = {
  home: '/',
  signIn: '/sign-in',
  communityConfiguration: '/admin',
  integrationCenter: '/admin/integration-center',
  apiKeys: '/admin/integration-center/api-keys',
  newApiKey: '/admin/integration-center/api-keys/new',
  auditLog: '/admin/integration-center/audit-log',
  mailbox: '/admin/integration-center/mailbox',
  mailMessage: (id: string) => `/admin/integration-center/mailbox/${encodeURIComponent(id)}`,
  /** The list with a key just created marked (its id, never its secret). */
  createdApiKey: (id: string) => `/admin/integration-center/api-keys?created=${encodeURIComponent(id)}`,
  apiKey: (id: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}`,
  /** The key page with its Rotate dialog open (a leaked key's notice and banner link here). */
  rotateApiKey: (id: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}?rotate=1`,
  editApiKey: (id: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}/edit`,
  /** Edit with `ip` added to the key's IP limits, for the admin to review and save (lib/api-keys/allow-ip.ts). */
  allowIpOnApiKey: (id: string, ip: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}/edit?allowIp=${encodeURIComponent(ip)}`,
  /** "Find a request by ID" on a key's page: a GET form's action (`?requestId=`), a request id being no secret. */
  findApiKeyRequest: (id: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}/requests`,
  apiKeyRequest: (id: string, requestId: string) => `/admin/integration-center/api-keys/${encodeURIComponent(id)}/requests/${encodeURIComponent(requestId)}`,
  /** Public: the API reference, and the OpenAPI document it is rendered from. */
  apiReference: '/docs/api',
  openApiDocument: '/api/v1/openapi.json',
} as const;

const trail = {
  communityConfiguration: { label: 'Community configuration', href: routes.communityConfiguration },
  integrationCenter: { label: 'Integration center', href: routes.integrationCenter },
  apiKeys: { label: 'API Keys', href: routes.apiKeys },
  newApiKey: { label: 'Create an API Key', href: routes.newApiKey },
  auditLog: { label: 'Audit log', href: routes.auditLog },
  mailbox: { label: 'Mailbox', href: routes.mailbox },
} as const;

/** Breadcrumbs for each admin page, derived from the one navigation tree. */
export const crumbs = {
  communityConfiguration: [trail.communityConfiguration],
  integrationCenter: [trail.communityConfiguration, trail.integrationCenter],
  apiKeys: [trail.communityConfiguration, trail.integrationCenter, trail.apiKeys],
  newApiKey: [trail.communityConfiguration, trail.integrationCenter, trail.apiKeys, trail.newApiKey],
  auditLog: [trail.communityConfiguration, trail.integrationCenter, trail.auditLog],
  mailbox: [trail.communityConfiguration, trail.integrationCenter, trail.mailbox],
  mailMessage: (message: { id: string; subject: string }) => [
    trail.communityConfiguration,
    trail.integrationCenter,
    trail.mailbox,
    { label: message.subject, href: routes.mailMessage(message.id) },
  ],
  apiKey: (key: { id: string; name: string }) => [trail.communityConfiguration, trail.integrationCenter, trail.apiKeys, { label: key.name, href: routes.apiKey(key.id) }],
  findApiKeyRequest: (key: { id: string; name: string }) => [
    ...crumbs.apiKey(key),
    { label: 'Find a request', href: routes.findApiKeyRequest(key.id) },
  ],
  apiKeyRequest: (key: { id: string; name: string }, requestId: string) => [
    ...crumbs.apiKey(key),
    { label: `Request ${requestId}`, href: routes.apiKeyRequest(key.id, requestId) },
  ],
  editApiKey: (key: { id: string; name: string }) => [
    trail.communityConfiguration,
    trail.integrationCenter,
    trail.apiKeys,
    { label: key.name, href: routes.apiKey(key.id) },
    { label: 'Edit', href: routes.editApiKey(key.id) },
  ],
} as const;
