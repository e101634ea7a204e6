'use client';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

/** Unexpected failures (e.g. the database is down) get a calm page with a way to retry. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <Card className="mx-auto max-w-lg text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing you did was lost. Try again in a moment.</p>
      <Button className="mt-5" onClick={reset}>
        Try again
      </Button>
    </Card>
  );
}
