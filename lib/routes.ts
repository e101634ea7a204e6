/** Every admin URL in one table: navigation, breadcrumbs, guards and tests read it from here. */
export const routes = {
  home: '/',
  signIn: '/sign-in',
  communityConfiguration: '/admin',
  integrationCenter: '/admin/integration-center',
  apiKeys: '/admin/integration-center/api-keys',
  newApiKey: '/admin/integration-center/api-keys/new',
} as const;

const trail = {
  communityConfiguration: { label: 'Community configuration', href: routes.communityConfiguration },
  integrationCenter: { label: 'Integration center', href: routes.integrationCenter },
  apiKeys: { label: 'API Keys', href: routes.apiKeys },
  newApiKey: { label: 'Create an API Key', href: routes.newApiKey },
} as const;

/** Breadcrumbs for each admin page, derived from the one navigation tree. */
export const crumbs = {
  communityConfiguration: [trail.communityConfiguration],
  integrationCenter: [trail.communityConfiguration, trail.integrationCenter],
  apiKeys: [trail.communityConfiguration, trail.integrationCenter, trail.apiKeys],
  newApiKey: [trail.communityConfiguration, trail.integrationCenter, trail.apiKeys, trail.newApiKey],
} as const;
