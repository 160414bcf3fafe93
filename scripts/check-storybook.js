// `npm run check:storybook`: the static Storybook (`npm run build-storybook`, a production build
// from src/) renders every story: each care-* element in it is registered and has rendered its
// shadow DOM. The story tests run in dev mode and cannot see a registration a bundler dropped.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath, requireChromium } from './chromium.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'storybook-static');
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

requireChromium();
if (!existsSync(join(ROOT, 'index.json'))) {
  console.error('check:storybook: storybook-static/ is missing; run `npm run build-storybook` first.');
  process.exit(1);
}

const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(ROOT, path === '/' ? 'index.html' : path);
  if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;

const stories = Object.values(JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')).entries).filter(
  (entry) => entry.type === 'story',
);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage();
let failed = 0;
try {
  for (const story of stories) {
    await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
    // Every care-* element in the story is defined and has rendered something into its shadow root,
    // or is inside a <care-record> that shows, in its place, why the patient could not be loaded.
    const rendered = await page
      .waitForFunction(
        () => {
          const elements = [...document.querySelectorAll('#storybook-root *')].filter((el) =>
            el.localName.startsWith('care-'),
          );
          const shownByRecord = (el) =>
            el.parentElement?.closest('care-record')?.shadowRoot?.querySelector('[part~="error"]');
          return (
            elements.length > 0 &&
            elements.every(
              (el) =>
                customElements.get(el.localName) && (el.shadowRoot?.childElementCount || shownByRecord(el)),
            )
          );
        },
        undefined,
        { timeout: 10000 },
      )
      .then(() => true)
      .catch(() => false);
    if (!rendered) failed += 1;
    console.log(`${rendered ? 'ok' : 'FAILED'} - ${story.id}`);
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`check:storybook: ${stories.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
