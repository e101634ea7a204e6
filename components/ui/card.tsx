import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200', className)} {...props} />;
}
