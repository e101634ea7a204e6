import Link from 'next/link';
import { ShieldAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { routes } from '@/lib/routes';

export default function Forbidden() {
  return (
    <Card className="mx-auto max-w-lg text-center">
      <ShieldAlert aria-hidden className="mx-auto size-10 text-amber-600" />
      <h1 className="mt-3 text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-600">
        Only community admins can open this page. If you need access, ask an admin of your community.
      </p>
      <Button asChild variant="secondary" className="mt-5">
        <Link href={routes.home}>Back to home</Link>
      </Button>
    </Card>
  );
}
