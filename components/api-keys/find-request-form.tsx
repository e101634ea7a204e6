import { Search } from 'lucide-react';
import { USAGE_TEXT_LIMITS } from '@/lib/api/usage-record';
import { routes } from '@/lib/routes';
import { Button } from '../ui/button';
import { controlClass } from '../ui/input';
import { Label } from '../ui/label';

/**
 * "Find a request by ID": a plain GET form (a request id is no secret, and the result has its own
 * URL), so it works before hydration. The page it goes to opens the request or says why not.
 */
export function FindRequestForm({ keyId, value, error }: { keyId: string; value?: string; error?: string }) {
  const hintId = 'find-request-hint';
  const errorId = 'find-request-error';
  return (
    <form method="get" action={routes.findApiKeyRequest(keyId)} role="search" aria-label="Find a request by ID" className="flex items-end gap-2">
      <div className="min-w-0 flex-1 space-y-1 sm:w-80 sm:flex-none">
        <Label htmlFor="find-request-id">Find a request by ID</Label>
        <input
          id="find-request-id"
          name="requestId"
          type="search"
          required
          defaultValue={value}
          maxLength={USAGE_TEXT_LIMITS.requestId}
          autoComplete="off"
          spellCheck={false}
          placeholder="requestId from an error body"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          className={`${controlClass} py-1.5 font-mono`}
        />
        <p id={hintId} className="sr-only">
          Every error the API returns carries a requestId; paste it here.
        </p>
        {error && (
          <p id={errorId} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" variant="secondary" className="py-1.5">
        <Search aria-hidden className="size-4" /> Find
      </Button>
    </form>
  );
}
