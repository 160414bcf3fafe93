// Makes sure a Chromium for the browser tests is there: CHROME_PATH, or Debian's /usr/bin/chromium.
// When it is missing and we are root on Debian, installs it with apt; otherwise names the command.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  const command = 'apt-get install -y --no-install-recommends chromium fonts-liberation';
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Chromium not found at ${path}; installing Debian's chromium…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${command}`, { stdio: 'inherit' });
  } else {
    console.error(
      `Chromium not found at ${path}. Install it with:\n  sudo ${command}\nor set CHROME_PATH to a Chromium or Chrome binary.`,
    );
    process.exit(1);
  }
}
