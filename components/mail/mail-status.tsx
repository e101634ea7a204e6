import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { DateTime } from '../ui/date-time';
import { failedAfter, MAIL_STATES, mailState, nextAttemptNumber, type MailStatusFields } from './describe-mail';

const dots = { green: 'bg-green-500', slate: 'bg-slate-400', amber: 'bg-amber-500', red: 'bg-red-500' } as const;
const texts = { green: 'text-green-800', slate: 'text-slate-700', amber: 'text-amber-800', red: 'text-red-800' } as const;

type Props = MailStatusFields & {
  nextAttemptAt: Date;
  lastError: string | null;
  /** In a table row a long provider error is cut to two lines; the message page shows all of it. */
  clampError?: boolean;
};

/** Where a message is: "Delivered to mailbox", "Retrying — attempt 3, next try in 2 minutes", "Failed after 12 attempts: …". */
export function MailStatus({ clampError = false, ...message }: Props) {
  const state = mailState(message);
  const { label, tone } = MAIL_STATES[state];
  let sentence: ReactNode = label;
  if (state === 'retrying') {
    sentence = (
      <>
        Retrying — attempt {nextAttemptNumber(message.attempts)}, next try <DateTime value={message.nextAttemptAt} />
      </>
    );
  } else if (state === 'failed') {
    sentence = message.lastError ? (
      <>
        {failedAfter(message.attempts)}:{' '}
        <span className={cn('break-words', clampError && 'line-clamp-2')} title={clampError ? message.lastError : undefined}>
          {message.lastError}
        </span>
      </>
    ) : (
      failedAfter(message.attempts)
    );
  }
  return (
    <span className={cn('inline-flex items-baseline gap-1.5 text-sm', texts[tone])}>
      <span aria-hidden className={cn('size-2 shrink-0 translate-y-[-1px] rounded-full', dots[tone])} />
      <span>{sentence}</span>
    </span>
  );
}
