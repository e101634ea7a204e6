import Link from 'next/link';
import { BookOpen, Lock, Sparkles } from 'lucide-react';
import { API_ENDPOINTS } from '@/lib/api/endpoints';
import { curlExample } from '@/lib/api/openapi/curl-example';
import { GET_CALLING_KEY } from '@/lib/api/openapi/operations';
import { routes } from '@/lib/routes';
import { CopyButton } from './copy-button';
import { Button } from './ui/button';
import { Card } from './ui/card';

/** SPEC §3: the Enhanced Integration features show only while the community has a valid key. */
export function EnhancedIntegrations({ available, origin }: { available: boolean; origin: string }) {
  if (!available) {
    return (
      <Card aria-labelledby="enhanced-title">
        <h2 id="enhanced-title" className="flex items-center gap-2 font-semibold">
          <Lock aria-hidden className="size-5 text-slate-500" /> Enhanced Integrations
        </h2>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">
          Enhanced Integrations (the REST API, its documentation and usage) are hidden because your community has no valid API key. A
          key is valid while it is enabled and not expired.
        </p>
        <Button asChild className="mt-4">
          <Link href={routes.newApiKey}>Create an API Key</Link>
        </Button>
      </Card>
    );
  }

  const curl = curlExample(GET_CALLING_KEY, origin);
  const reference = (
    <Link href={routes.apiReference} className="font-medium text-brand-700 underline">
      API reference
    </Link>
  );
  return (
    <Card aria-labelledby="enhanced-title" className="space-y-5">
      <div>
        <h2 id="enhanced-title" className="flex items-center gap-2 font-semibold">
          <Sparkles aria-hidden className="size-5 text-brand-600" /> Enhanced Integrations
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Send a key in the <code className="font-mono">X-API-Key</code> header (or <code className="font-mono">Authorization: Bearer</code>
          ). Never put a key in a URL. Every error is JSON: <code className="font-mono">{'{"error":{"code","message","requestId"}}'}</code>.
        </p>
      </div>
      <div className="flex flex-col gap-3 rounded-md bg-brand-50 p-4 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h3 className="flex items-center gap-2 text-sm font-medium">
            <BookOpen aria-hidden className="size-4 text-brand-700" /> API reference
          </h3>
          <p className="mt-1 text-sm text-slate-600">Every operation with a curl example, the errors, permissions and rate limits, and the OpenAPI document.</p>
        </div>
        <Button asChild variant="secondary">
          <Link href={routes.apiReference}>Open the API reference</Link>
        </Button>
      </div>
      <div>
        <h3 className="text-sm font-medium">Base URL</h3>
        <p className="mt-1 font-mono text-sm">{origin}/api/v1</p>
      </div>
      <div>
        <h3 className="text-sm font-medium" id="curl-example">
          Try it
        </h3>
        <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-start">
          <pre aria-labelledby="curl-example" className="flex-1 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
            {curl}
          </pre>
          <CopyButton text={curl} label="Copy example" copiedMessage="Example copied to the clipboard" />
        </div>
        <p className="mt-2 text-sm text-slate-600">A curl example for every operation is in the {reference}.</p>
      </div>
      <div>
        <h3 className="text-sm font-medium">Endpoints</h3>
        <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {API_ENDPOINTS.map((endpoint) => (
            <li key={`${endpoint.method} ${endpoint.path}`} className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:gap-3">
              <span className="w-12 font-mono text-xs font-semibold text-brand-700">{endpoint.method}</span>
              <span className="font-mono text-xs sm:w-72">{endpoint.path}</span>
              <span className="text-slate-600">{endpoint.summary}</span>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
