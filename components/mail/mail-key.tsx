import Link from 'next/link';
import { routes } from '@/lib/routes';

export type MailKeyFields = { apiKeyId: string | null; keyName: string | null; keyHint: string | null; keyDeleted: boolean };

/**
 * The key a message is about: its name and hint (never a secret). `linked` makes the name a link
 * to the key page, which exists only while the key is not deleted.
 */
export function MailKey({ message, linked = false }: { message: MailKeyFields; linked?: boolean }) {
  if (!message.apiKeyId || message.keyName === null) return <span className="text-slate-500">No key</span>;
  return (
    <>
      {linked && !message.keyDeleted ? (
        <Link href={routes.apiKey(message.apiKeyId)} className="font-medium text-brand-700 hover:underline">
          {message.keyName}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{message.keyName}</span>
      )}
      {message.keyDeleted && <span className="ml-1 text-slate-500">(deleted)</span>}
      <span className="block font-mono text-xs text-slate-500">{message.keyHint}</span>
    </>
  );
}
