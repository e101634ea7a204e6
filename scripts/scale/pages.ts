/** Signs in as a person would (the credentials callback, with its CSRF token) and times admin pages. */

const SESSION_COOKIE = 'authjs.session-token';

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
}

/** The session cookie of a real sign-in: GET the CSRF token, POST the credentials, keep the cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; '), origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/` }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return session;
}

export type PageTiming = { name: string; path: string; ttfb: number[]; total: number[]; bytes: number };

/** One page load: time to the response's headers (first byte) and to its last byte, in ms. */
export async function loadPage(baseUrl: string, path: string, cookie: string): Promise<{ ttfb: number; total: number; body: string }> {
  const started = performance.now();
  const response = await fetch(baseUrl + path, { headers: { cookie }, redirect: 'manual' });
  const ttfb = performance.now() - started;
  const body = await response.text();
  const total = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
  if (body.includes('Something went wrong')) throw new Error(`${path}: the page rendered its error state`);
  return { ttfb, total, body };
}

/** `loads` sequential loads of each page after one warm-up load (the first render compiles nothing in production, but fills caches). */
export async function timePages(baseUrl: string, cookie: string, pages: { name: string; path: string }[], loads: number): Promise<PageTiming[]> {
  const timings: PageTiming[] = [];
  for (const page of pages) {
    const warm = await loadPage(baseUrl, page.path, cookie);
    const timing: PageTiming = { ...page, ttfb: [], total: [], bytes: warm.body.length };
    for (let i = 0; i < loads; i++) {
      const { ttfb, total } = await loadPage(baseUrl, page.path, cookie);
      timing.ttfb.push(ttfb);
      timing.total.push(total);
    }
    timings.push(timing);
  }
  return timings;
}

/** Reloads the pages one after another, as an admin clicking around without pause, until stopped. */
export function browseUntil(baseUrl: string, cookie: string, paths: string[], signal: AbortSignal): Promise<number> {
  return (async () => {
    let loads = 0;
    while (!signal.aborted) {
      for (const path of paths) {
        if (signal.aborted) break;
        await loadPage(baseUrl, path, cookie);
        loads++;
      }
    }
    return loads;
  })();
}

/** The href of the first link whose accessible text matches (the pages' Older/Next links), HTML-decoded. */
export function linkHref(html: string, text: RegExp): string | null {
  for (const match of html.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const label = match[2].replace(/<[^>]+>/g, '').trim();
    if (text.test(label)) return match[1].replace(/&amp;/g, '&');
  }
  return null;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
