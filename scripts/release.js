#!/usr/bin/env node
// `npm run release`: what a team installs without cloning the repository, under release/:
//
//   release/care-record-elements-<version>.tgz      the npm package (`npm pack`), for
//                                                   `npm install ./care-record-elements-<version>.tgz`
//   release/care-record-elements-<version>-cdn.zip  dist/cdn/ in a care-record-elements/ folder, for an
//                                                   intranet web server (no npm, no build step)
//
// Builds first (unless --skip-build), then checks both: the package holds what package.json
// exports, and every source map in either points at files that ship beside it or carries the
// sources inline. Prints each file with its size and SHA-256.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'release');
const CDN = join(ROOT, 'dist', 'cdn');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
  return result.stdout;
}

// ---------------------------------------------------------------- zip (store + deflate, no tool needed)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of `files` (`{ path, data }`), each deflated, dated 1 Jan 2000 so builds compare. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
  for (const { path, data } of files) {
    const nameBytes = Buffer.from(path, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // version needed … name length
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Every file under `dir`, relative to it, with `/` separators, sorted. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
    )
    .map((path) => path.split('\\').join('/'))
    .sort();
}

// ---------------------------------------------------------------- checks

/** The files of a .tgz (npm pack output), by path inside `package/`. */
function untar(file) {
  const tar = gunzipSync(readFileSync(file));
  const files = new Map();
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const path = `${field(345, 155) ? `${field(345, 155)}/` : ''}${field(0, 100)}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (field(156, 1) === '0' || field(156, 1) === '') {
      files.set(path.replace(/^package\//, ''), tar.subarray(at + 512, at + 512 + size));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Problems with the source maps among `files` (path → bytes): a source neither shipped nor inlined. */
function mapProblems(files, label) {
  const problems = [];
  for (const [path, data] of files) {
    if (!path.endsWith('.map')) continue;
    const map = JSON.parse(data.toString('utf8'));
    map.sources.forEach((source, i) => {
      const inline = typeof map.sourcesContent?.[i] === 'string';
      const target = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? '', source));
      if (!inline && !files.has(target))
        problems.push(`${label}: ${path} points at ${source}, which is not there`);
    });
  }
  return problems;
}

/** Problems with the package: an export or declared file that is missing. */
function packageProblems(files) {
  const problems = [];
  const pkg = JSON.parse(files.get('package.json').toString('utf8'));
  const targets = [pkg.main, pkg.types, pkg.customElements];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  for (const target of targets) {
    const path = posix.normalize(target);
    if (path.includes('*')) {
      const [before, after] = path.split('*');
      if (![...files.keys()].some((file) => file.startsWith(before) && file.endsWith(after))) {
        problems.push(`package: nothing matches the export ${target}`);
      }
    } else if (!files.has(path)) problems.push(`package: ${target} is declared but not in the package`);
  }
  return problems;
}

// ---------------------------------------------------------------- main

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

try {
  if (!process.argv.includes('--skip-build')) run('npm', ['run', 'build']);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT]));
  const tarball = join(OUT, packed.filename);

  const zipFile = join(OUT, `${name}-${version}-cdn.zip`);
  const cdnFiles = walk(CDN).map((path) => ({
    path: `${name}/${path}`,
    data: readFileSync(join(CDN, path)),
  }));
  writeFileSync(zipFile, zip(cdnFiles));

  const inPackage = untar(tarball);
  const problems = [
    ...packageProblems(inPackage),
    ...mapProblems(inPackage, 'package'),
    ...mapProblems(new Map(cdnFiles.map(({ path, data }) => [path, data])), 'cdn zip'),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));

  for (const file of [tarball, zipFile]) {
    const kb = (statSync(file).size / 1000).toFixed(1);
    process.stdout.write(`${relative(ROOT, file)}  ${kb} KB  sha256 ${sha256(file)}\n`);
  }
  process.stdout.write(
    `release: ${inPackage.size} files in the package, ${cdnFiles.length} in the CDN zip; every source map resolves\n`,
  );
} catch (error) {
  process.stderr.write(`release: ${error.message}\n`);
  process.exit(1);
}
