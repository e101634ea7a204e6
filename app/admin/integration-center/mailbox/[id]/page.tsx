import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft } from 'lucide-react';
import { MailBody } from '@/components/mail/mail-body';
import { MailHeaders } from '@/components/mail/mail-headers';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { findMailMessage } from '@/db/queries/mailbox';
import { requireAdmin } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Message' };

export default async function MailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdmin(routes.mailMessage(id));
  // Another community's message, or an id that is not one, is simply not found.
  const message = await findMailMessage({ communityId: admin.communityId, id });
  if (!message) notFound();

  return (
    <>
      <PageHeader
        crumbs={crumbs.mailMessage(message)}
        title={message.subject}
        actions={
          <Button asChild variant="secondary">
            <Link href={routes.mailbox}>
              <ArrowLeft aria-hidden className="size-4" /> Back to Mailbox
            </Link>
          </Button>
        }
      />
      <div className="space-y-6">
        <MailHeaders message={message} from={getConfig().MAIL_FROM} />
        <MailBody subject={message.subject} html={message.htmlBody} text={message.textBody} />
      </div>
    </>
  );
}
