import type { Metadata } from 'next';
import { ApiReference } from '@/components/api-reference';
import { requestOrigin } from '@/lib/request-origin';
import { routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'API reference' };

/** Public (SPEC §10): integration developers read it without an account. */
export default async function ApiReferencePage() {
  const origin = await requestOrigin();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API reference</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every operation of this community’s API, rendered from its OpenAPI 3.1 document,{' '}
          <a className="font-medium text-brand-700 underline" href={routes.openApiDocument}>
            {routes.openApiDocument}
          </a>
          . Generate a typed client from it with <code className="font-mono">npx openapi-typescript {origin}{routes.openApiDocument} -o integration-center-api.d.ts</code>.
        </p>
      </div>
      <noscript>
        <p className="text-sm">The reference needs JavaScript. The document it shows is at {routes.openApiDocument}.</p>
      </noscript>
      <ApiReference scriptUrl={`${routes.apiReference}/reference.js`} documentUrl={routes.openApiDocument} />
    </>
  );
}
