/** How many callers the key page's "Integrations seen" lists, most recently seen first. */
export const INTEGRATIONS_SEEN_LIMIT = 100;

/** How many callers the disable/delete dialogs name. */
export const KEY_IMPACT_NAMES = 5;

export type Caller = { integrationName: string | null; userAgent: string | null; ip: string | null };

/** How an admin recognises a caller: the name it sends, else its user agent, else its address. */
export function callerLabel(caller: Caller): string {
  return caller.integrationName ?? caller.userAgent ?? caller.ip ?? 'Unknown caller';
}

const collides = (labels: string[], index: number) => labels.some((label, other) => other !== index && label === labels[index]);

/** Labels for a list of callers; where two would read the same, the address (then the user agent) tells them apart. */
export function distinctCallerLabels(callers: Caller[]): string[] {
  const base = callers.map(callerLabel);
  const withIp = callers.map((caller, i) => (collides(base, i) && caller.ip && caller.ip !== base[i] ? `${base[i]} (${caller.ip})` : base[i]));
  return callers.map((caller, i) => {
    if (!collides(withIp, i) || !caller.userAgent || caller.userAgent === base[i]) return withIp[i];
    return `${base[i]} (${[caller.ip, caller.userAgent].filter(Boolean).join(', ')})`;
  });
}
