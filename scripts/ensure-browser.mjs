// Finds a Chromium for Playwright. Debian's package is used where present; on a fresh Debian
// machine as root it is installed (Playwright cannot download its own browser offline).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const cache = path.join(process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright'));
const bundled = existsSync(cache) && readdirSync(cache).some((name) => name.startsWith('chromium'));

if (system || bundled) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found: installing Debian\'s chromium package…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  process.exit(0);
}
console.error('No Chromium found. Install one: `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`.');
process.exit(1);
