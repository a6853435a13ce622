#!/usr/bin/env node
/**
 * Precompiles the schema validators: for every bundled minor, one ajv standalone module per served kind
 * (build/lib/schema/compiled/<minor>/<definition>.js), so validation loads only the kinds it meets and never
 * compiles at run time. Part of `npm run build`, after tsc (it runs the compiled lib/schema code):
 *
 *   node scripts/schema/precompile.js [--force]
 *
 * Incremental: a minor whose fingerprint (data file, generator code, ajv version) matches the stamp in its folder
 * is skipped. A minor is written to a temporary folder and renamed into place, its stamp last.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const SCHEMA = path.join(__dirname, '..', '..', 'build', 'lib', 'schema');
const { getHistory, getVersionData } = require(path.join(SCHEMA, 'data.js'));
const { COMPILED_DIR, STAMP_FILE, fingerprint } = require(path.join(SCHEMA, 'validators.js'));

const force = process.argv.includes('--force');

function stampOf(dir) {
  try {
    return fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function precompile(minor) {
  const dir = path.join(COMPILED_DIR, minor);
  const fp = fingerprint(minor);
  if (!force && stampOf(dir) === fp) return undefined;
  // compile.js loads ajv; only a minor that needs generating pays for it.
  const { validatorModuleSource } = require(path.join(SCHEMA, 'compile.js'));
  const started = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  let bytes = 0;
  const defNames = [...new Set(Object.values(getVersionData(minor).kinds))];
  for (const defName of defNames) {
    const source = validatorModuleSource(minor, defName);
    fs.writeFileSync(path.join(tmp, `${defName}.js`), source);
    bytes += source.length;
  }
  fs.writeFileSync(path.join(tmp, STAMP_FILE), fp + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { kinds: defNames.length, bytes, ms: Date.now() - started };
}

const started = Date.now();
const { targets } = getHistory();
// Minors no longer bundled, and folders of an interrupted run.
for (const entry of fs.existsSync(COMPILED_DIR) ? fs.readdirSync(COMPILED_DIR) : []) {
  if (!targets.includes(entry)) fs.rmSync(path.join(COMPILED_DIR, entry), { recursive: true, force: true });
}
for (const minor of targets) {
  const done = precompile(minor);
  if (done) {
    console.error(`schema ${minor}: ${done.kinds} kind validators, ${(done.bytes / 1e6).toFixed(1)} MB, ${done.ms} ms`);
  }
}
console.error(`schema validators up to date (${Date.now() - started} ms)`);
