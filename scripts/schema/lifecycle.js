#!/usr/bin/env node
/**
 * Generates lib/schema/data/lifecycle.json: per Kubernetes minor 1.30..1.37, read from that release's sources
 * (never written by hand):
 *   - apis:  the prerelease lifecycle of every group/version/kind (k8s.io/api zz_generated.prerelease-lifecycle.go
 *            and the hand-written lifecycle.go files:
 *            introduced, deprecated, removed, replacement);
 *   - off:   the group/versions a stock kube-apiserver does not serve unless --runtime-config enables them
 *            (k8s.io/kubernetes pkg/controlplane: the *DisabledByDefault lists of DefaultAPIResourceConfigSource);
 *   - needs: kinds whose storage is installed only when a feature gate is on (pkg/registry/<group>/rest);
 *   - gates: feature gate defaults, pre-release stage and lock (pkg/features/kube_features.go, plus the
 *            apiserver and apiextensions-apiserver gates).
 * Files are read straight out of the module zips on the Go module proxy with HTTP range requests (only the few
 * files needed) and cached under ~/.cache/kubeforge/lifecycle/. Developers run it; the output is committed.
 *
 *   node scripts/schema/lifecycle.js            # newest patch of each minor the proxy serves
 *   node scripts/schema/lifecycle.js --offline  # from the cache only
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { listVersions, moduleZips } = require('./module-zip');

const MINORS = [30, 31, 32, 33, 34, 35, 36, 37];
const CACHE = path.join(os.homedir(), '.cache', 'kubeforge', 'lifecycle');
const OUT = path.join(__dirname, '..', '..', 'lib', 'schema', 'data', 'lifecycle.json');
const OFFLINE = process.argv.includes('--offline');

// Module zips on the proxy, read by range (module-zip.js).
const { readFile, files } = moduleZips({ cacheDir: CACHE, offline: OFFLINE });

/** The newest vX.minor.patch of k8s.io/kubernetes on the proxy, per minor. */
async function newestPatches() {
  const cacheFile = path.join(CACHE, 'versions.json');
  if (OFFLINE) return JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  const best = {};
  for (const v of await listVersions('k8s.io/kubernetes')) {
    const m = /^v1\.(\d+)\.(\d+)$/.exec(v.trim());
    if (!m || !MINORS.includes(Number(m[1]))) continue;
    if (best[m[1]] === undefined || Number(m[2]) > best[m[1]]) best[m[1]] = Number(m[2]);
  }
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(best));
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Go source parsing (just enough for these generated and table-like files).

/** The text between the brace that opens at `open` and its matching close. */
function braceBody(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return src.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1');
}

/** import alias -> import path. */
function imports(src) {
  const out = {};
  for (const m of src.matchAll(/^\s*(\w+)\s+"([^"]+)"\s*$/gm)) out[m[1]] = m[2];
  for (const m of src.matchAll(/^\s*"([^"]+)"\s*$/gm)) out[m[1].split('/').pop()] = m[1];
  return out;
}

/** prerelease-lifecycle of one k8s.io/api package: Kind -> { i, d, r, rep }. */
function parseLifecycle(src) {
  const kinds = {};
  const at = (k) => (kinds[k] = kinds[k] || {});
  for (const m of src.matchAll(/func \(in \*(\w+)\) APILifecycle(Introduced|Deprecated|Removed)\(\) \(major, minor int\) \{\s*return (\d+), (\d+)/g)) {
    at(m[1])[{ Introduced: 'i', Deprecated: 'd', Removed: 'r' }[m[2]]] = `${m[3]}.${m[4]}`;
  }
  for (const m of src.matchAll(/func \(in \*(\w+)\) APILifecycleReplacement\(\) schema\.GroupVersionKind \{\s*return schema\.GroupVersionKind\{Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"\}/g)) {
    at(m[1]).rep = `${m[2] ? `${m[2]}/` : ''}${m[3]}/${m[4]}`;
  }
  // List types share their item's lifecycle: keep the items.
  for (const k of Object.keys(kinds)) if (k.endsWith('List') && kinds[k.slice(0, -4)]) delete kinds[k];
  return kinds;
}

/** Feature gate specs: name -> [{ v, def, pre, lock }] (v undefined for unversioned specs). */
function parseGates(src, constNames) {
  src = stripComments(src);
  const out = {};
  for (const decl of src.matchAll(/var (\w+) = map\[featuregate\.Feature\]featuregate\.(FeatureSpec|VersionedSpecs)\{/g)) {
    const body = braceBody(src, decl.index + decl[0].length - 1);
    // Entries at depth 0 of the map body: `Key: {`.
    let depth = 0;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0) {
        const m = /^([\w.]+):\s*\{/.exec(body.slice(i));
        if (!m) continue;
        const entry = braceBody(body, i + m[0].length - 1);
        const key = m[1].includes('.') ? m[1].split('.').pop() : m[1];
        const name = constNames[m[1]] ?? constNames[key] ?? key;
        const specs = decl[2] === 'VersionedSpecs' ? [...entry.matchAll(/\{([^{}]*)\}/g)].map((s) => s[1]) : [entry];
        const parsed = specs.map(parseSpec).filter((s) => s);
        if (parsed.length) out[name] = parsed;
        i += m[0].length + entry.length;
      }
    }
  }
  return out;
}

function parseSpec(text) {
  const def = /Default:\s*(true|false)/.exec(text);
  if (!def) return undefined;
  const v = /Version:\s*version\.MustParse\("(\d+)\.(\d+)"\)/.exec(text);
  const pre = /PreRelease:\s*featuregate\.(\w+)/.exec(text);
  return {
    v: v ? Number(v[1]) * 1000 + Number(v[2]) : undefined,
    def: def[1] === 'true',
    pre: pre ? pre[1].toUpperCase().replace('DEPRECATED', 'DEPRECATED') : 'GA',
    lock: /LockToDefault:\s*true/.test(text),
  };
}

/** const name -> feature string, from `Name featuregate.Feature = "Name"` (also with a package prefix). */
function gateConstants(src, prefix) {
  const out = {};
  for (const m of src.matchAll(/^\s*(\w+)\s+featuregate\.Feature\s*=\s*"([^"]+)"/gm)) {
    out[m[1]] = m[2];
    if (prefix) out[`${prefix}.${m[1]}`] = m[2];
  }
  return out;
}

/** The spec in effect at minor m: the last versioned spec at or before 1.m, or the only unversioned one. */
function specAt(specs, minor) {
  const at = 1000 + minor;
  let best;
  for (const s of specs) if (s.v === undefined || s.v <= at) if (!best || (s.v ?? 0) >= (best.v ?? 0)) best = s;
  return best;
}

// ---------------------------------------------------------------------------------------------------------------

async function minorFacts(minor, patch) {
  const kube = `v1.${minor}.${patch}`;
  const staging = `v0.${minor}.${patch}`;
  // k8s.io/api: lifecycle and group names per package.
  const apiFiles = await files('k8s.io/api', staging, (n) => /^[\w-]+\/v[\w]+\/(zz_generated\.prerelease-lifecycle\.go|lifecycle\.go|register\.go)$/.test(n));
  const groupOfPkg = {};
  const lifecycle = {};
  for (const [rel, src] of Object.entries(apiFiles)) {
    const pkg = rel.split('/').slice(0, 2).join('/');
    if (rel.endsWith('register.go')) {
      const g = /const GroupName = "([^"]*)"/.exec(src);
      const v = /SchemeGroupVersion = schema\.GroupVersion\{Group: GroupName, Version: "([^"]+)"\}/.exec(src);
      if (g && v) groupOfPkg[pkg] = g[1] ? `${g[1]}/${v[1]}` : v[1];
    }
  }
  // Every registered kind has an entry, an empty one when its package has no lifecycle tags (some alpha ones).
  for (const [rel, src] of Object.entries(apiFiles)) {
    const gv = rel.endsWith('register.go') && groupOfPkg[rel.split('/').slice(0, 2).join('/')];
    if (!gv) continue;
    for (const m of src.matchAll(/&(\w+)\{\}/g)) {
      if (!m[1].endsWith('List') && !/Options$|^WatchEvent$|^Status$/.test(m[1])) lifecycle[`${gv}/${m[1]}`] = {};
    }
  }
  for (const [rel, src] of Object.entries(apiFiles)) {
    // Generated from tags, plus hand-written ones (core/v1 lifecycle.go: ComponentStatus, Endpoints).
    if (!rel.endsWith('lifecycle.go')) continue;
    const gv = groupOfPkg[rel.split('/').slice(0, 2).join('/')];
    if (!gv) continue;
    for (const [kind, l] of Object.entries(parseLifecycle(src))) lifecycle[`${gv}/${kind}`] = { ...lifecycle[`${gv}/${kind}`], ...l };
  }
  // Packages are imported from k8s.io/api or from k8s.io/kubernetes/pkg/apis (same directory names).
  const gvOfImport = (p) => groupOfPkg[p.replace(/^k8s\.io\/(api|kubernetes\/pkg\/apis)\//, '')];
  const kindOf = (gv, resource) => {
    const kinds = Object.keys(lifecycle).filter((k) => k.startsWith(`${gv}/`) && plural(k.slice(gv.length + 1)) === resource);
    return kinds.length === 1 ? kinds[0] : undefined;
  };

  // Default API resource config: the *DisabledByDefault lists.
  const cp = await files('k8s.io/kubernetes', kube, (n) => /^pkg\/controlplane\/.*\.go$/.test(n) && !/_test\.go$|\/testing\//.test(n));
  const off = {};
  const on = new Set();
  const onKinds = {};
  for (const [rel, raw] of Object.entries(cp)) {
    const src = stripComments(raw);
    const imp = imports(raw);
    // Resources enabled although their group/version is off (the legacy beta ones that stayed on).
    for (const m of src.matchAll(/(\w+EnabledByDefaultResources)\s*=\s*\[\]schema\.GroupVersionResource\{/g)) {
      const body = braceBody(src, m.index + m[0].length - 1);
      for (const item of body.matchAll(/(\w+)\.SchemeGroupVersion\.WithResource\("(\w+)"\)/g)) {
        const gv = gvOfImport(imp[item[1]] ?? '');
        const kind = gv && kindOf(gv, item[2]);
        if (!kind) throw new Error(`${kube} ${rel}: cannot resolve ${item[0]}`);
        onKinds[kind] = true;
      }
    }
    for (const m of src.matchAll(/(\w+)\s*=\s*\[\]schema\.GroupVersion\{/g)) {
      const name = m[1];
      const enabled = /EnabledByDefault$/.test(name);
      const disabled = /DisabledByDefault$/.test(name);
      if (!enabled && !disabled) continue;
      const body = braceBody(src, m.index + m[0].length - 1);
      for (const item of body.matchAll(/(\w+)\.SchemeGroupVersion|\{Group:\s*"([^"]*)",\s*Version:\s*"([^"]+)"\}/g)) {
        const gv = item[1] ? gvOfImport(imp[item[1]] ?? '') : item[2] ? `${item[2]}/${item[3]}` : item[3];
        if (!gv) throw new Error(`${kube} ${rel}: cannot resolve ${item[0]}`);
        if (disabled) off[gv] = /alpha/i.test(name) ? 'alpha' : 'beta';
        else on.add(gv);
      }
    }
  }
  if (Object.keys(off).length === 0) throw new Error(`${kube}: found no *DisabledByDefault lists under pkg/controlplane`);

  // Kinds whose storage needs a feature gate (pkg/registry/<group>/rest).
  const reg = await files('k8s.io/kubernetes', kube, (n) => /^pkg\/registry\/[\w]+\/rest\/[\w]+\.go$/.test(n) && !/_test\.go$/.test(n));
  const needs = {};
  for (const raw of Object.values(reg)) {
    const src = stripComments(raw);
    const imp = imports(raw);
    const re = /if resource := "([\w]+)"; apiResourceConfigSource\.ResourceEnabled\((\w+)\.SchemeGroupVersion\.WithResource\(resource\)\)([^{]*)\{\s*(?:if utilfeature\.DefaultFeatureGate\.Enabled\(\w*features\.(\w+)\)\s*\{)?/g;
    for (const m of src.matchAll(re)) {
      const cond = /utilfeature\.DefaultFeatureGate\.Enabled\(\w*features\.(\w+)\)/.exec(m[3]);
      const gate = (cond && !/!\s*utilfeature/.test(m[3]) && cond[1]) || m[4];
      if (!gate) continue;
      const gv = gvOfImport(imp[m[2]] ?? '');
      if (!gv) continue;
      const kind = kindOf(gv, m[1]);
      if (!kind) {
        console.warn(`  ${kube}: resource ${gv} ${m[1]} (gate ${gate}) matches no kind`);
        continue;
      }
      needs[kind] = gate;
    }
  }

  // Feature gates: the kube list (which relists the apiserver ones) and the staging lists themselves.
  // Some releases keep the versioned specs in a second file (versioned_kube_features.go): read the package.
  const featureFiles = async (mod, version) =>
    Object.values(await files(mod, version, (n) => /^pkg\/features\/[\w]+\.go$/.test(n) && !/_test\.go$/.test(n))).join('\n');
  const kf = await featureFiles('k8s.io/kubernetes', kube);
  const asf = await featureFiles('k8s.io/apiserver', staging);
  const aef = await featureFiles('k8s.io/apiextensions-apiserver', staging);
  const names = { ...gateConstants(asf, 'genericfeatures'), ...gateConstants(aef, 'apiextensionsfeatures'), ...gateConstants(kf) };
  const specs = { ...parseGates(asf, names), ...parseGates(aef, names), ...parseGates(kf, names) };
  const gates = {};
  for (const [name, list] of Object.entries(specs)) {
    const s = specAt(list, minor);
    if (s) gates[name] = [s.def, s.pre, s.lock];
  }
  return { kube, lifecycle, off, onKinds, needs, gates };
}

/** The resource name the API server gives a kind (lower case plural, as the registry spells it). */
function plural(kind) {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** Collapses a per-minor table (minor -> JSON value) into runs: [[fromMinor, value], ...], value null = absent. */
function runs(perMinor) {
  const out = [];
  let last;
  for (const m of MINORS) {
    const v = perMinor[m] === undefined ? null : perMinor[m];
    const s = JSON.stringify(v);
    if (s !== last) out.push([`1.${m}`, v]);
    last = s;
  }
  return out[0] && out[0][1] === null && out.length === 1 ? [] : out;
}

async function main() {
  const patches = await newestPatches();
  const facts = {};
  for (const m of MINORS) {
    if (patches[m] === undefined) throw new Error(`the proxy serves no v1.${m}.x`);
    process.stderr.write(`v1.${m}.${patches[m]} ...\n`);
    facts[m] = await minorFacts(m, patches[m]);
  }
  const collect = (pick) => {
    const keys = new Set(MINORS.flatMap((m) => Object.keys(pick(facts[m]))));
    const out = {};
    for (const k of [...keys].sort()) out[k] = runs(Object.fromEntries(MINORS.map((m) => [m, pick(facts[m])[k]])));
    return out;
  };
  const data = {
    $comment: 'Generated by scripts/schema/lifecycle.js from the Kubernetes sources of each release; do not edit. Values are runs: [first minor, value] (null = absent from that minor on).',
    releases: Object.fromEntries(MINORS.map((m) => [`1.${m}`, facts[m].kube])),
    apis: collect((f) => f.lifecycle),
    off: collect((f) => f.off),
    onKinds: collect((f) => f.onKinds),
    needs: collect((f) => f.needs),
    gates: collect((f) => f.gates),
  };
  fs.writeFileSync(OUT, JSON.stringify(data) + '\n');
  const n = (o) => Object.keys(o).length;
  process.stderr.write(`wrote ${path.relative(process.cwd(), OUT)}: ${n(data.apis)} kinds, ${n(data.off)} group/versions off by default, ${n(data.needs)} gated kinds, ${n(data.gates)} gates (${fs.statSync(OUT).size} bytes)\n`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { parseGates, parseLifecycle, specAt, plural, gateConstants };
