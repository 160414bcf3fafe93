import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/rollup/minify-templates.js';

/**
 * tsc writes dist/ (one ES module per source file, with .d.ts and source maps); rollup then builds
 * the CDN files from it, Lit included, production mode, minified:
 *
 * - dist/cdn/care-record-elements.js: the autoloader entry. It registers nothing itself; each
 *   element's chunk loads when its `care-*` tag first appears in the page. Lit and the data layer
 *   are one shared chunk; the two record sources load only when used.
 * - dist/cdn/care-record-elements.all.js: every element and export in one self-registering file,
 *   for hosts that cannot serve several files.
 *
 * The elements are found by convention, so a new one needs no edit here: every
 * `src/elements/<name>/<name>.ts` registers `<care-<name>>`.
 */
const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const AUTOLOADER_ENTRY = '\0care-autoloader-entry';

/** `{ tag, module }` for each element's registration module in dist/, by name. */
export function elementModules() {
  const elements = join(dist, 'elements');
  if (!existsSync(elements)) return [];
  return readdirSync(elements, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(elements, entry.name, `${entry.name}.js`)))
    .map((entry) => ({ tag: `care-${entry.name}`, module: join(elements, entry.name, `${entry.name}.js`) }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** The autoloader entry: dist/autoloader.js with a dynamic import per element. */
function autoloaderEntry() {
  return {
    name: 'care-autoloader-entry',
    resolveId: (id) => (id === AUTOLOADER_ENTRY ? id : null),
    load(id) {
      if (id !== AUTOLOADER_ENTRY) return null;
      const loaders = elementModules()
        .map(({ tag, module }) => `  ${JSON.stringify(tag)}: () => import(${JSON.stringify(module)}),`)
        .join('\n');
      return `import { autoload } from ${JSON.stringify(join(dist, 'autoloader.js'))};
export const { discover, load } = autoload({
${loaders}
});
`;
    },
  };
}

/** Reads tsc's source maps, so the CDN maps lead to src/*.ts (whose text they carry). */
function tscSourceMaps() {
  return {
    name: 'tsc-source-maps',
    load(id) {
      if (!id.startsWith(dist) || !id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
      const code = readFileSync(id, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
      return { code, map: readFileSync(`${id}.map`, 'utf8') };
    },
  };
}

/** Removes the chunks of earlier builds (their names carry a hash) once this one is written. */
function removeOldChunks() {
  return {
    name: 'remove-old-chunks',
    writeBundle(options, bundle) {
      const chunks = join(options.dir, 'chunks');
      if (!existsSync(chunks)) return;
      for (const name of readdirSync(chunks)) {
        const file = `chunks/${name.replace(/\.map$/, '')}`;
        if (!(file in bundle)) rmSync(join(chunks, name));
      }
    },
  };
}

/** Where each module goes in the code-split build: Lit and the shared foundation in one chunk. */
function chunkFor(id, { getModuleInfo }) {
  // The virtualizer, loaded when a list first grows long, is one chunk; its polyfill only for
  // browsers without ResizeObserver.
  if (VIRTUALIZER.test(id)) return id.includes('/polyfills/') ? undefined : 'virtualizer';
  // Packages and our own foundation that two elements or more import statically: a package one
  // element uses (DOMPurify) stays with it, and a lazily imported source keeps its own chunk.
  if (
    (id.includes('/node_modules/') || /\/dist\/(base|data|format)\//.test(id)) &&
    elementsImporting(id, getModuleInfo).size >= 2
  ) {
    return 'shared';
  }
  return undefined;
}

const VIRTUALIZER = /\/node_modules\/@lit-labs\/virtualizer\//;

/**
 * The elements whose registration module statically imports `id`, each counted once: an element
 * that imports another (`<care-shared-record>` imports the sections) reaches that one's modules
 * through it, so they count for that element alone.
 */
function elementsImporting(id, getModuleInfo, seen = new Set()) {
  const found = new Set();
  if (seen.has(id)) return found;
  seen.add(id);
  if (ELEMENT_MODULE.test(id)) return found.add(id);
  for (const importer of getModuleInfo(id)?.importers ?? []) {
    for (const element of elementsImporting(importer, getModuleInfo, seen)) found.add(element);
  }
  return found;
}

const ELEMENT_MODULE = /\/dist\/elements\/([^/]+)\/\1\.js$/;

export const plugins = () => [
  tscSourceMaps(),
  minifyTemplates(),
  nodeResolve({ exportConditions: ['production'], browser: true }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export const output = {
  format: 'es',
  sourcemap: true,
};

export default [
  {
    input: { 'care-record-elements': AUTOLOADER_ENTRY },
    output: {
      ...output,
      dir: resolve(dist, 'cdn'),
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: chunkFor,
    },
    plugins: [autoloaderEntry(), ...plugins(), removeOldChunks()],
  },
  {
    input: join(dist, 'all.js'),
    output: {
      ...output,
      file: resolve(dist, 'cdn/care-record-elements.all.js'),
      // One file is what a host that serves a single file can take: lazy parts are inlined.
      inlineDynamicImports: true,
    },
    plugins: plugins(),
  },
];
