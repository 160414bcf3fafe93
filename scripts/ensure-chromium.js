// Makes sure a Chromium for the browser tests is there: CHROME_PATH, or Debian's /usr/bin/chromium.
// When it is missing and we are root on Debian, installs it with apt; otherwise names the command.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromiumPath, installCommand, requireChromium } from './chromium.js';

if (!existsSync(chromiumPath) && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`Chromium not found at ${chromiumPath}; installing Debian's chromium…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${installCommand}`, { stdio: 'inherit' });
}
requireChromium();
