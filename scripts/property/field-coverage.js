#!/usr/bin/env node
/**
 * Which fields of each kind can a user reach through the typed constructs? Samples the valid apps that the
 * property tests generate (test/property/valid-apps.ts, compiled), collects every field path they emit, and
 * lists the schema fields (Kubernetes 1.37, status and server-owned metadata left out) that none of them set.
 * Pod template fields are reported once, under "PodSpec", for all workload kinds together.
 *   npm run build && node scripts/property/field-coverage.js [samples per generator, default 300]
 * A field listed here is either not typed yet (escape hatch only) or typed but never drawn by the generators;
 * the second kind is a gap in the property tests.
 */
const fc = require('fast-check');
const path = require('path');
const root = path.resolve(__dirname, '../..');
const { VALID_APPS } = require(path.join(root, 'build/test/property/valid-apps'));
const schema = require(path.join(root, 'lib/schema/data/1.37.json'));

const samples = Number(process.argv[2] ?? 300);
const POD_TEMPLATE = /^(spec\.template|spec\.jobTemplate\.spec\.template)\.spec\./;
// Server-owned metadata, and what cdk8s's metadata API already sets on any object (addFinalizers, addOwnerReference).
const SKIP_META = new Set(['managedFields', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'selfLink', 'finalizers', 'ownerReferences', 'namespace', 'name', 'generateName']);

/** Every field path of a definition: `a.b`, arrays as `a[]`, maps as `a{}`; recursion stops at a repeated def. */
function schemaPaths(ref, prefix, seen, out) {
  const def = schema.defs[ref];
  if (!def || seen.has(ref)) return;
  const next = new Set(seen).add(ref);
  for (const [name, p] of Object.entries(def.properties ?? {})) {
    if (prefix === '' && name === 'status') continue;
    if (/(^|\.)metadata\.$/.test(prefix) && SKIP_META.has(name)) continue;
    if (prefix.endsWith('metadata.') && name === 'annotations' && prefix === 'metadata.') continue; // metadata.addAnnotation()
    walk(p, prefix + name, next, out);
  }
}
function walk(p, at, seen, out) {
  out.add(at);
  if (p.$ref) return schemaPaths(p.$ref, at + '.', seen, out);
  if (p.items) return walk(p.items, at + '[]', seen, out);
  if (p.additionalProperties && typeof p.additionalProperties === 'object' && (p.additionalProperties.$ref || p.additionalProperties.items)) {
    return walk(p.additionalProperties, at + '{}', seen, out);
  }
}

function emittedPaths(value, at, out, mapKeys) {
  if (at) out.add(at);
  if (Array.isArray(value)) for (const v of value) emittedPaths(v, at + '[]', out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) emittedPaths(v, mapKeys ? `${at}{}` : at ? `${at}.${k}` : k, out);
  }
}

const byKind = new Map(); // "apps/v1/Deployment" -> Set of emitted paths
for (const gen of VALID_APPS) {
  for (const build of fc.sample(gen.apps, { seed: gen.seed, numRuns: samples })) {
    const result = build().synthesize({ validate: false });
    for (const obj of result.charts.flatMap((c) => c.objects.map((o) => o.json))) {
      const key = `${obj.apiVersion}/${obj.kind}`;
      if (!byKind.has(key)) byKind.set(key, new Set());
      emittedPaths(obj, '', byKind.get(key));
    }
  }
}

/** The schema paths (string-map values count as reached once the map is) that nothing emitted, top-most only. */
function missing(ref, emitted, filter) {
  const all = new Set();
  schemaPaths(ref, '', new Set(), all);
  const reached = (p) => emitted.has(p) || emitted.has(p.replace(/\{\}(?=\.|\[|$)/g, '')) ||
    [...emitted].some((e) => e.startsWith(p + '.') || e.startsWith(p + '['));
  const out = [...all].filter(filter).filter((p) => !reached(p)).sort();
  return out.filter((p) => !out.some((q) => q !== p && (p.startsWith(q + '.') || p.startsWith(q + '['))));
}

const podEmitted = new Set();
for (const [key, paths] of byKind) {
  for (const p of paths) {
    const m = p.match(POD_TEMPLATE);
    if (m) podEmitted.add(p.slice(m[0].length));
  }
}
// A gap whose field name appears nowhere in constructs/ (or lib/app/k8s-types.ts) is not typed; the others are typed but never drawn.
const fs = require('fs');
// The constructs, plus the pass-through Kubernetes types they accept (security contexts and the like).
const source = [...fs.readdirSync(path.join(root, 'constructs')).map((f) => path.join(root, 'constructs', f)), path.join(root, 'lib/app/k8s-types.ts')]
  .map((f) => fs.readFileSync(f, 'utf8')).join('\n');
function report(label, gaps) {
  const name = (p) => p.replace(/(\[\]|\{\})+$/, '').split(/\.|\[\]\.?/).pop();
  const untyped = gaps.filter((p) => !new RegExp(`\\b${name(p)}\\b`).test(source));
  const undrawn = gaps.filter((p) => !untyped.includes(p));
  console.log(`${label}\n  not typed: ${untyped.join(', ') || '-'}\n  typed, never drawn by the generators: ${undrawn.join(', ') || '-'}`);
}
for (const key of [...byKind.keys()].sort()) {
  const ref = schema.kinds[key];
  const gaps = missing(ref, byKind.get(key), (p) => !POD_TEMPLATE.test(p + '.') && !/^(apiVersion|kind)$/.test(p));
  report(key, gaps);
}
const podGaps = missing('io.k8s.api.core.v1.PodSpec', podEmitted, () => true);
report('PodSpec (all workloads)', podGaps);
