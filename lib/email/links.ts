import { getConfig } from '@/lib/config';
import { routes } from '@/lib/routes';

/** The app's public address for links in e-mails: APP_URL, else this server on localhost. */
export function appUrl(): string {
  const config = getConfig();
  return config.APP_URL ?? `http://localhost:${config.PORT}`;
}

/** Absolute link to a key's page, as every notice about that key carries it. */
export function keyPageUrl(apiKeyId: string): string {
  return new URL(routes.apiKey(apiKeyId), appUrl()).toString();
}

/** The key page with its Rotate dialog open: the first thing to do about a leaked key. */
export function rotateKeyUrl(apiKeyId: string): string {
  return new URL(routes.rotateApiKey(apiKeyId), appUrl()).toString();
}

/** The key's edit page, where its expiry is changed. */
export function editKeyUrl(apiKeyId: string): string {
  return new URL(routes.editApiKey(apiKeyId), appUrl()).toString();
}
