/**
 * Run by usage-recorder-spool.test.ts in a process of its own: spools the usage rows given on
 * stdin as a serving process does, then dies by SIGKILL (no flush, no cleanup) at the end of the
 * event-loop turn that recorded them.
 */
import fs from 'node:fs';
import type { UsageRow } from '@/db/queries/api-requests';
import { openUsageSpool } from '../usage-spool';

const spool = openUsageSpool({ root: process.argv[2], maxBytes: 1 << 30, onBacklog: () => {} });
for (const row of JSON.parse(fs.readFileSync(0, 'utf8')) as (UsageRow & { at: string })[]) spool.keep({ ...row, at: new Date(row.at) });
setImmediate(() => process.kill(process.pid, 'SIGKILL'));
