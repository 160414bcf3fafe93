// How this project runs Chromium, in one place: Debian's binary (or CHROME_PATH), headless, with
// flags that keep it quiet on a machine with no outside network (no sandbox: CI runs as root).
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const installCommand = 'apt-get install -y --no-install-recommends chromium fonts-liberation';

/** Exits with the command that installs Chromium when there is none. */
export function requireChromium() {
  if (existsSync(chromiumPath)) return;
  process.stderr.write(
    `Chromium not found at ${chromiumPath}. Install it with:\n  sudo ${installCommand}\nor set CHROME_PATH to a Chromium or Chrome binary.\n`,
  );
  process.exit(1);
}
