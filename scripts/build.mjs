#!/usr/bin/env node
// Compiles apps/, libs/, bench/ and test/support into dist/ (tsc, then tsc-alias for the path
// aliases) and records a fingerprint of what it compiled. With --if-changed it skips the compile
// when the fingerprint still matches, so `npm start` on an unchanged tree starts in seconds (tsc
// takes 25–90 s here, and even `tsc --incremental` spends about 7 s proving nothing changed).
// The fingerprint is a SHA-256 over the path and content of every input file; deleting dist/ forces
// a build. The compile goes to a folder beside dist/ that replaces it only when complete: a service
// running from dist/ (or one starting meanwhile) never loads a half-written tree, and a failed or
// interrupted build leaves the previous dist/ with its own, no longer matching, fingerprint.
// Hand-written: the build caches that do this (nx, turbo) would bring a whole monorepo tool for a
// plain tsc build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP_NAME = '.build-inputs.sha256';
const ENTRY = join(DIST, 'apps', 'api', 'src', 'main.js');
/** What tsconfig.build.json compiles, and the files that change how it compiles. */
const SOURCE_DIRS = ['apps', 'libs', 'bench', 'test/support'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const require = createRequire(import.meta.url);

function* sourceFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

function fingerprint() {
  const files = [...SOURCE_DIRS.flatMap((dir) => [...sourceFiles(join(ROOT, dir))]), ...CONFIG_FILES.map((f) => join(ROOT, f))];
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(relative(ROOT, file)).update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)').update('\0');
  }
  return hash.digest('hex');
}

/** Runs a package's CLI; on failure removes `scratch` and exits with its status. */
function run(bin, args, scratch) {
  const result = spawnSync(process.execPath, [require.resolve(bin), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status === 0) return;
  rmSync(scratch, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

/** Puts the finished build in dist/'s place; the old tree is moved aside first, then removed. */
function replaceDist(build) {
  const old = join(ROOT, `dist.old-${process.pid}`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(build, DIST);
  rmSync(old, { recursive: true, force: true });
}

const inputs = fingerprint();
const stamp = join(DIST, STAMP_NAME);
if (process.argv.includes('--if-changed') && existsSync(ENTRY) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputs) {
  console.log('build: dist/ is up to date with the sources (`npm run build` compiles anyway)');
  process.exit(0);
}
const build = join(ROOT, `dist.build-${process.pid}`);
console.log('build: compiling apps/, libs/, bench/ into dist/');
run('typescript/bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', build], build);
run('tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.build.json', '--outDir', build], build);
writeFileSync(join(build, STAMP_NAME), `${inputs}\n`);
replaceDist(build);
