import { compileIpLimits } from '../ip-limits';
import { normaliseIp } from '../client-ip';

/**
 * "Allow 198.51.100.7" on a key refused by its IP limits opens Edit with `?allowIp=`: the address
 * is added to the form's IP limits for the admin to review and save (nothing changes until then).
 * The address comes from a URL, so it is parsed strictly (ipaddr.js) and written in the stored
 * canonical form. Limits that allow any address are left alone: a first entry would refuse
 * everyone else, which is not what "allow" means.
 */
export type AllowIp =
  | { kind: 'added'; ip: string; entries: string[] }
  | { kind: 'already-allowed'; ip: string }
  | { kind: 'any-address' }
  | { kind: 'invalid' };

export function allowIp(entries: readonly string[], raw: string): AllowIp {
  const ip = normaliseIp(raw);
  if (ip === null) return { kind: 'invalid' };
  if (entries.length === 0) return { kind: 'any-address' };
  if (compileIpLimits(entries)(ip)) return { kind: 'already-allowed', ip };
  return { kind: 'added', ip, entries: [...entries, ip] };
}
