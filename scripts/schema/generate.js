#!/usr/bin/env node
/**
 * Generates kubeforge's bundled Kubernetes schemas from the official OpenAPI spec in the k8s.io/kubernetes Go
 * module (api/openapi-spec/v3/*.json for the target versions, swagger.json's group/version/kinds for older
 * minors). Developers run it when a Kubernetes minor is released; the output is committed and CI never runs it:
 *
 *   node scripts/schema/generate.js
 *
 * Writes lib/schema/data/<minor>.json (served kinds + compact definitions) for every minor from 1.30 on, and
 * lib/schema/data/history.json: for every group/version/kind seen from 1.15 on, the first and last minor that
 * served it (the removed-API table is derived from it). Needs network access to the Go module proxy ($GOPROXY).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { listVersions, specFiles } = require('./fetch-spec');
const { compactVersion, reachable, isObjectKind, gvkKey } = require('./compact');
const ENUMS = require('./enums');

const OUT = path.join(__dirname, '..', '..', 'lib', 'schema', 'data');
// The oldest bundled target: the minors managed clouds still run, extended support included.
const OLDEST_TARGET = 30;
const OLDEST_MINOR = 15;
// Final patch releases of minors older than the proxy's @v/list reaches (their API surface is fixed).
const FINAL_PATCHES = ['1.15.12', '1.16.15', '1.17.17', '1.18.20', '1.19.16', '1.20.15', '1.21.14', '1.22.17',
  '1.23.17', '1.24.17', '1.25.16', '1.26.15', '1.27.16', '1.28.15', '1.29.15'];
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const minorOf = (v) => v.replace(/^v/, '').split('.').slice(0, 2).join('.');
const minorNum = (m) => Number(m.split('.')[1]);

/** Latest patch of every minor from 1.15 on: the proxy's list, completed by FINAL_PATCHES. */
async function latestPatches() {
  const best = new Map();
  for (const v of [...FINAL_PATCHES.map((p) => 'v' + p), ...(await listVersions())]) {
    const m = minorOf(v);
    if (minorNum(m) < OLDEST_MINOR || !m.startsWith('1.')) continue;
    const patch = Number(v.split('.')[2]);
    if (!best.has(m) || patch > Number(best.get(m).split('.')[2])) best.set(m, v);
  }
  return [...best.entries()].sort((a, b) => minorNum(a[0]) - minorNum(b[0]));
}

function applyEnums(defs) {
  for (const [key, { values, items }] of Object.entries(ENUMS)) {
    const dot = key.lastIndexOf('.');
    const prop = defs[key.slice(0, dot)]?.properties?.[key.slice(dot + 1)];
    const target = items ? prop?.items : prop;
    if (target && !target.enum && !target.$ref) target.enum = values;
  }
}

async function servedInSwagger(version) {
  const files = await specFiles(version, (r) => r === 'api/openapi-spec/swagger.json');
  const served = new Set();
  for (const [name, d] of Object.entries(files['api/openapi-spec/swagger.json'].definitions)) {
    for (const g of d['x-kubernetes-group-version-kind'] ?? []) if (isObjectKind(name, g.kind)) served.add(gvkKey(g));
  }
  return served;
}

async function main() {
  const minors = await latestPatches();
  const targets = minors.filter(([m]) => minorNum(m) >= OLDEST_TARGET);
  fs.mkdirSync(OUT, { recursive: true });
  const servedBy = new Map();
  for (const [minor, version] of minors) {
    if (targets.some(([m]) => m === minor)) {
      const { defs, kinds } = compactVersion(await specFiles(version, (r) => r.startsWith('api/openapi-spec/v3/')));
      const kept = reachable(defs, Object.values(kinds));
      kept[QUANTITY] = { ...kept[QUANTITY], format: 'quantity' };
      applyEnums(kept);
      const file = path.join(OUT, `${minor}.json`);
      fs.writeFileSync(file, JSON.stringify({ version: version.slice(1), kinds, defs: kept }) + '\n');
      console.error(`${file}: ${Object.keys(kinds).length} kinds, ${Object.keys(kept).length} definitions, ${fs.statSync(file).size} bytes`);
      servedBy.set(minor, new Set(Object.keys(kinds)));
    } else {
      servedBy.set(minor, await servedInSwagger(version));
      console.error(`${version}: ${servedBy.get(minor).size} kinds`);
    }
  }
  const apis = {};
  for (const [minor, served] of servedBy) {
    for (const gvk of served) {
      apis[gvk] = apis[gvk] ?? [minor, minor];
      apis[gvk][1] = minor;
    }
  }
  const sorted = {};
  for (const k of Object.keys(apis).sort()) sorted[k] = apis[k];
  const history = { minors: [...servedBy.keys()], targets: targets.map(([m]) => m), apis: sorted };
  fs.writeFileSync(path.join(OUT, 'history.json'), JSON.stringify(history) + '\n');
  console.error(`history.json: ${Object.keys(sorted).length} group/version/kinds over ${history.minors.join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
