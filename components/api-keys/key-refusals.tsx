import { formatCount } from '@/lib/format';
import { Badge } from '../ui/badge';

/**
 * The list's word on a key's refused calls. The windows are in the text for screen readers and in
 * a title on hover; on screen the short form keeps the cells narrow.
 */

/**
 * "Never used · 19 refused": a key with no allowed call whose calls were refused is not unused, it
 * is failing. `refused` is the list's 7-day count: for a key never used every call was refused.
 */
export function NeverUsed({ refused }: { refused: number }) {
  if (refused === 0) return <span className="text-slate-500">Never</span>;
  const window = 'in the last 7 days';
  return (
    <span className="text-slate-500" title={`${formatCount(refused)} calls refused ${window}`}>
      Never used<span className="sr-only"> · </span>
      <span className="block text-red-800">{formatCount(refused)} refused</span>
      <span className="sr-only"> {window}</span>
    </span>
  );
}

/** Text, not colour only: calls from addresses the key's IP limits refuse (last 24 hours); its page offers to allow them. */
export function IpRefusalMarker({ refused }: { refused: number }) {
  if (refused === 0) return null;
  const detail = `${formatCount(refused)} calls refused by IP limits in the last 24 hours`;
  return (
    <span className="mt-1 block" title={detail}>
      <Badge tone="red">IP refusals</Badge>
      <span className="sr-only">: {detail}</span>
    </span>
  );
}
