// The size budget (STYLE.md item 12): what a page pays for the CDN build, min+gzip.
//
//   npm run size               (builds first when dist/ is missing)
//   npm run size -- --build    (always builds first)
//   npm run size -- --modules  (also lists every source file of the single-file build)
//
// Measures the code-split CDN build as rollup.config.js makes it (generated again in memory, so
// the figures are the files' own) and the single file beside it:
// - every chunk, minified and gzip -9 on its own, as a browser downloads it;
// - every element: its chunks (its own and those it imports, the shared chunk among them) plus
//   the autoloader, what a page with that element alone loads; and what it adds to a page that
//   already has <care-record>: the chunks it needs that <care-record>'s do not include;
// - the record page: the autoloader, <care-record>, the banner, the medication list and the
//   timeline, with the record source each way (endpoint: FhirRestSource; bundle-src: BundleSource);
// - where the bytes come from: the single file's bytes traced through its source map to each
//   package and each of our folders.
// Writes bench/results/size.json and README's cost table (between its size-table markers) from
// it; exits 1 over any budget or when an element has none.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { format, resolveConfig } from 'prettier';
import { rollup } from 'rollup';
import { sizeTable } from './size-table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'bench/results/size.json');
const readme = join(root, 'README.md');
const allFile = join(root, 'dist/cdn/care-record-elements.all.js');

/** 1 KB = 1,000 bytes here (as size-limit and bundlephobia's "kB"): the stricter reading. */
const KB = 1000;

/**
 * Budgets in min+gzip bytes. The record page's target is the project's (35 KB); its budget is
 * what it cost when the virtualizer became a chunk loaded only for long lists (2026-12-03, 67.9 KB)
 * plus a little, so that it can only shrink towards the target. An element's budget is what it
 * adds to a page that has <care-record> (its chunks that <care-record>'s do not include), measured
 * the same day plus about 15%; none includes the virtualizer (8 KB), which comes only when a list
 * grows past 200 rows. A new element needs a line here; raise one only with a reason.
 */
const BUDGETS = {
  page: 69 * KB,
  pageTarget: 35 * KB,
  // The roving focus and the list template every list shares are in it (1.9 KB that were chunks
  // of their own beside the virtualizer).
  shared: 37 * KB,
  elements: {
    // The shared chunk and <care-record>'s own: what every page pays first.
    'care-record': 39.5 * KB,
    'care-patient-banner': 10.5 * KB,
    'care-medication-list': 8.5 * KB,
    'care-allergy-list': 5.5 * KB,
    'care-encounter-timeline': 10 * KB,
    // Five cards: the allergy, problem, medicine, results and encounter models.
    'care-record-summary': 19 * KB,
    'care-problem-list': 9 * KB,
    'care-immunisation-list': 6 * KB,
    'care-results': 13.5 * KB,
    // DOMPurify is about 10 KB of it.
    'care-document-list': 25 * KB,
    // The banner and the summary (five models); each tab's section is fetched when first opened
    // and is counted in its own budget (measured 25.7 KB).
    'care-shared-record': 30 * KB,
  },
};

/** The elements on the record page (DESIGN.md's usage example, less the allergy list). */
const RECORD_PAGE = ['care-record', 'care-patient-banner', 'care-medication-list', 'care-encounter-timeline'];

const gzipSize = (code) => gzipSync(Buffer.from(code), { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;
const pct = (bytes, budget) => `${Math.round((bytes / budget) * 100)}%`;

function ensureBuild() {
  if (existsSync(allFile) && !process.argv.includes('--build')) return;
  console.log(existsSync(allFile) ? 'Building (--build)…' : 'dist/ is missing: running npm run build…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('size: npm run build failed');
    process.exit(1);
  }
}

/** The code-split build of rollup.config.js, in memory: its chunks by file name. */
async function splitBuild(config) {
  const build = await rollup({ ...config, onwarn: () => {} });
  const { output } = await build.generate(config.output);
  await build.close();
  return new Map(
    output
      .filter((item) => item.type === 'chunk')
      .map((chunk) => [
        chunk.fileName,
        {
          file: chunk.fileName,
          min: Buffer.byteLength(chunk.code),
          gzip: gzipSize(chunk.code),
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          isEntry: chunk.isEntry,
          facade: chunk.facadeModuleId,
        },
      ]),
  );
}

/** `file` and every chunk it imports statically, as a browser loads them. */
function closure(chunks, file, into = new Set()) {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of chunks.get(file).imports) closure(chunks, imported, into);
  return into;
}

const total = (chunks, files) => {
  let min = 0;
  let gzip = 0;
  for (const file of files) {
    min += chunks.get(file).min;
    gzip += chunks.get(file).gzip;
  }
  return { min, gzip };
};

/** The chunk whose facade is the module at `path` (under dist/). */
function chunkOf(chunks, path) {
  const file = resolve(root, 'dist', path);
  return [...chunks.values()].find((chunk) => chunk.facade === file)?.file;
}

/** Bytes of the single-file build by package (node_modules) and by our folder, via its source map. */
function breakdown() {
  const code = readFileSync(allFile, 'utf8');
  const map = JSON.parse(readFileSync(`${allFile}.map`, 'utf8'));
  const lines = code.split('\n');
  const bySource = new Map();
  decode(map.mappings).forEach((segments, line) => {
    segments.forEach((segment, i) => {
      const end = i + 1 < segments.length ? segments[i + 1][0] : lines[line].length;
      const source = segment.length > 1 ? map.sources[segment[1]] : '(generated)';
      bySource.set(source, (bySource.get(source) ?? 0) + end - segment[0]);
    });
  });
  const gzip = gzipSize(code);
  const group = (source) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    if (pkg) return pkg;
    const own = /src\/(elements\/[^/]+|[^/]+)/.exec(source)?.[1];
    return own ? `src/${own.replace(/\.ts$/, '')}` : source;
  };
  const groups = new Map();
  const files = [];
  for (const [source, min] of bySource) {
    const name = group(source);
    groups.set(name, (groups.get(name) ?? 0) + min);
    files.push({ source: source.replace(/^(\.\.\/)+/, ''), min });
  }
  // gzip is not additive: each part gets the share of the file's gzip that its bytes have.
  const share = (min) => Math.round((min / code.length) * gzip);
  const rows = (entries) =>
    entries.sort((a, b) => b.min - a.min).map((entry) => ({ ...entry, gzip: share(entry.min) }));
  return {
    file: relative(root, allFile),
    min: code.length,
    gzip,
    groups: rows([...groups].map(([name, min]) => ({ name, min }))),
    files: rows(files),
  };
}

function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c] ?? '').length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, c) =>
          c === 0 ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c]),
        )
        .join('  ')
        .trimEnd(),
    );
  }
  console.log('');
}

async function main() {
  ensureBuild();
  // Imported after the build: the config lists the elements it finds in dist/.
  const { default: configs, elementModules } = await import('../rollup.config.js');
  const split = configs.find((config) => typeof config.input === 'object');
  const chunks = await splitBuild(split);
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry).file;

  const elements = elementModules().map(({ tag, module }) => {
    const file = chunkOf(chunks, relative(join(root, 'dist'), module));
    return { tag, file, loads: closure(chunks, file) };
  });
  const record = elements.find((element) => element.tag === 'care-record');
  const shared = [...chunks.values()].find((chunk) => /^chunks\/shared-/.test(chunk.file));
  const sources = {
    endpoint: chunkOf(chunks, 'data/fhir-rest-source.js'),
    'bundle-src': chunkOf(chunks, 'data/bundle-source.js'),
  };

  const elementRows = elements.map(({ tag, loads }) => {
    const alone = total(chunks, new Set([entry, ...loads]));
    const adds = total(
      chunks,
      [...loads].filter((file) => tag === 'care-record' || !record.loads.has(file)),
    );
    const budget = BUDGETS.elements[tag];
    return {
      tag,
      chunks: [...loads].sort(),
      alone,
      adds,
      budget: budget ?? null,
      // An element without a budget fails, so a new element gets one on purpose.
      pass: budget !== undefined && adds.gzip <= budget,
    };
  });

  const pageLoads = new Set([entry]);
  for (const tag of RECORD_PAGE) {
    const element = elements.find((e) => e.tag === tag);
    if (!element) throw new Error(`size: no ${tag} in the build`);
    for (const file of element.loads) pageLoads.add(file);
  }
  const pages = Object.entries(sources).map(([source, file]) => {
    const files = new Set([...pageLoads, ...closure(chunks, file)]);
    return { elements: RECORD_PAGE, source, chunks: [...files].sort(), ...total(chunks, files) };
  });
  const page = {
    budget: BUDGETS.page,
    target: BUDGETS.pageTarget,
    gzip: Math.max(...pages.map((p) => p.gzip)),
  };
  page.pass = page.gzip <= page.budget;

  const single = breakdown();
  const chunkRows = [...chunks.values()]
    .map(({ file, min, gzip }) => ({ file: `dist/cdn/${file}`, min, gzip }))
    .sort((a, b) => b.gzip - a.gzip);
  const sharedRow = shared && {
    file: `dist/cdn/${shared.file}`,
    gzip: shared.gzip,
    budget: BUDGETS.shared,
    pass: shared.gzip <= BUDGETS.shared,
  };

  printTable([
    ['chunk (dist/cdn/)', 'min', 'min+gzip'],
    ...chunkRows.map((c) => [c.file.replace('dist/cdn/', ''), kb(c.min), kb(c.gzip)]),
    [relative(join(root, 'dist/cdn'), allFile), kb(single.min), kb(single.gzip)],
  ]);
  printTable([
    ['element', 'alone (gzip)', 'adds to <care-record> (gzip)', 'budget', 'used', ''],
    ...elementRows.map((e) => [
      `<${e.tag}>`,
      kb(e.alone.gzip),
      kb(e.adds.gzip),
      e.budget === null ? 'none' : kb(e.budget),
      e.budget === null ? '' : pct(e.adds.gzip, e.budget),
      e.pass ? '' : 'OVER BUDGET',
    ]),
    ...(sharedRow
      ? [
          [
            `shared chunk`,
            kb(sharedRow.gzip),
            '',
            kb(sharedRow.budget),
            pct(sharedRow.gzip, sharedRow.budget),
            sharedRow.pass ? '' : 'OVER BUDGET',
          ],
        ]
      : []),
  ]);
  printTable([
    ['record page (record, banner, medications, timeline)', 'min', 'min+gzip', 'budget', 'target'],
    ...pages.map((p) => [
      `with ${p.source}`,
      kb(p.min),
      kb(p.gzip),
      kb(page.budget),
      `${kb(page.target)} (${pct(p.gzip, page.target)})`,
    ]),
  ]);
  const shown = process.argv.includes('--modules') ? single.files : single.groups;
  printTable([
    [`where the bytes are (${single.file})`, 'min', '≈ min+gzip'],
    ...shown.map((g) => [g.name ?? g.source, kb(g.min), kb(g.gzip)]),
  ]);

  const failures = [
    ...(page.pass ? [] : [`record page: ${kb(page.gzip)} > ${kb(page.budget)}`]),
    ...(sharedRow && !sharedRow.pass
      ? [`shared chunk: ${kb(sharedRow.gzip)} > ${kb(sharedRow.budget)}`]
      : []),
    ...elementRows
      .filter((e) => !e.pass)
      .map((e) =>
        e.budget === null
          ? `<${e.tag}> has no budget: add one to BUDGETS in scripts/size.js`
          : `<${e.tag}>: adds ${kb(e.adds.gzip)} > ${kb(e.budget)}`,
      ),
  ];
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    unit: 'bytes; min = terser output, gzip = node:zlib level 9 per file; 1 KB = 1,000 bytes',
    autoloader: { file: `dist/cdn/${entry}`, ...total(chunks, [entry]) },
    shared: sharedRow,
    page: { ...page, pages },
    elements: elementRows,
    chunks: chunkRows,
    single: { file: single.file, min: single.min, gzip: single.gzip, breakdown: single.groups },
    pass: failures.length === 0,
  };
  mkdirSync(dirname(outFile), { recursive: true });
  const config = (await resolveConfig(outFile)) ?? {};
  writeFileSync(outFile, await format(JSON.stringify(result), { ...config, parser: 'json' }));
  console.log(`Wrote ${relative(root, outFile)}`);
  const text = readFileSync(readme, 'utf8');
  const updated = sizeTable(text, result);
  if (updated !== text) {
    writeFileSync(readme, updated);
    console.log(`Wrote the cost table in ${relative(root, readme)}`);
  }
  if (failures.length > 0) {
    console.error(`\nsize: over budget\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('size: every bundle is within its budget');
}

await main();
