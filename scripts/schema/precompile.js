#!/usr/bin/env node
/**
 * Precompiles the schema validators into build/lib/schema/compiled (layout: lib/schema/validators.ts): for every
 * bundled minor, the definitions its served kinds reach, one ajv standalone module per distinct definition schema
 * (defs/<hash>.js, shared by every minor with the same schema), and the minor's index (<minor>.json). Part of
 * `npm run build`, after tsc (it runs the compiled lib/schema code):
 *
 *   node scripts/schema/precompile.js [--force]
 *
 * Incremental: a minor whose index carries its current fingerprint (data file, generator code, ajv version), with
 * every module it lists present, is skipped; a module that exists is not generated again (its name is the hash of
 * its input). Files are written to a temporary name and renamed into place, a minor's index last. Modules no
 * index lists any more are deleted.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const SCHEMA = path.join(__dirname, '..', '..', 'build', 'lib', 'schema');
const { getHistory, getVersionData } = require(path.join(SCHEMA, 'data.js'));
const { COMPILED_DIR, MODULES_DIR, indexFile, fingerprint, moduleName } = require(path.join(SCHEMA, 'validators.js'));

const force = process.argv.includes('--force');

function readIndex(minor) {
  try {
    return JSON.parse(fs.readFileSync(indexFile(minor), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeAtomically(file, text) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

const moduleFile = (name) => path.join(MODULES_DIR, `${name}.js`);
const writtenNow = new Set();

function precompile(minor) {
  const fp = fingerprint(minor);
  const current = readIndex(minor);
  if (!force && current?.fingerprint === fp && Object.values(current.defs).every((m) => fs.existsSync(moduleFile(m)))) {
    return { index: current };
  }
  // jsonschema.js is cheap; compile.js loads ajv, so only a minor with a module to generate pays for it.
  const { reachableSchemas } = require(path.join(SCHEMA, 'jsonschema.js'));
  const started = Date.now();
  const data = getVersionData(minor);
  const schemas = reachableSchemas(data.defs, new Set(Object.values(data.kinds)));
  const defs = {};
  let generated = 0;
  let bytes = 0;
  for (const name of [...schemas.keys()].sort()) {
    const schema = schemas.get(name);
    const m = moduleName(JSON.stringify(schema));
    defs[name] = m;
    if (writtenNow.has(m) || (!force && fs.existsSync(moduleFile(m)))) continue;
    const { validatorModuleSource } = require(path.join(SCHEMA, 'compile.js'));
    const source = validatorModuleSource(schema);
    writeAtomically(moduleFile(m), source);
    writtenNow.add(m);
    generated++;
    bytes += source.length;
  }
  const index = { fingerprint: fp, defs };
  writeAtomically(indexFile(minor), JSON.stringify(index) + '\n');
  return { index, report: { definitions: schemas.size, generated, bytes, ms: Date.now() - started } };
}

const started = Date.now();
const { targets } = getHistory();
fs.mkdirSync(MODULES_DIR, { recursive: true });
const used = new Set();
for (const minor of targets) {
  const { index, report } = precompile(minor);
  for (const m of Object.values(index.defs)) used.add(m);
  if (report) {
    console.error(`schema ${minor}: ${report.definitions} definition validators, ${report.generated} new ` +
      `(${(report.bytes / 1e6).toFixed(1)} MB), ${report.ms} ms`);
  }
}
// Minors no longer bundled, the per-minor folders of the earlier layout, files of an interrupted run, and modules
// no index lists.
for (const entry of fs.readdirSync(COMPILED_DIR)) {
  const minor = entry.replace(/\.json$/, '');
  if (entry === 'defs' || (entry.endsWith('.json') && targets.includes(minor))) continue;
  fs.rmSync(path.join(COMPILED_DIR, entry), { recursive: true, force: true });
}
let total = 0;
for (const f of fs.readdirSync(MODULES_DIR)) {
  if (used.has(f.replace(/\.js$/, ''))) total += fs.statSync(path.join(MODULES_DIR, f)).size;
  else fs.rmSync(path.join(MODULES_DIR, f), { force: true });
}
console.error(`schema validators up to date: ${used.size} modules, ${(total / 1e6).toFixed(1)} MB for ${targets.length} minors ` +
  `(${Date.now() - started} ms)`);
