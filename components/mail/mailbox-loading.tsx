/** Shown while the messages load: the shape of the table, and a status for screen readers. */
export function MailboxLoading() {
  return (
    <div role="status" aria-live="polite" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <span className="sr-only">Loading messages…</span>
      <div aria-hidden className="animate-pulse space-y-3">
        {[0, 1, 2, 3, 4].map((row) => (
          <div key={row} className="flex gap-4">
            <div className="h-4 flex-[3] rounded bg-slate-200" />
            <div className="h-4 flex-1 rounded bg-slate-100" />
            <div className="h-4 flex-[2] rounded bg-slate-100" />
            <div className="h-4 flex-[2] rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
