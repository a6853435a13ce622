#!/usr/bin/env node
/**
 * Runs two builds' rules on the same randomly broken manifest sets and reports any difference in findings, as a
 * check that a rewrite of the rules changed nothing. The sets are the bench app's objects with random fields
 * replaced, deleted or copied from other objects (a seeded generator, so runs repeat).
 * Usage: node scripts/rules/compare.js <other build dir> [rounds=200] [seed=1]
 */
const path = require('path');
const { isDeepStrictEqual } = require('util');

const [otherArg, roundsArg, seedArg] = process.argv.slice(2);
if (!otherArg) throw new Error('usage: compare.js <other build dir> [rounds] [seed]');
const here = path.join(__dirname, '../../build');
const builds = [here, path.resolve(otherArg)].map((b) => require(path.join(b, 'lib/rules')));

const { App, Chart } = require(path.join(here, 'lib'));
const { addMicroservice } = require(path.join(here, 'bench/kubeforge-app'));
const { Construct } = require(path.join(__dirname, '../../node_modules/constructs'));
const app = new App({ outdir: '/tmp/kubeforge-compare' });
const chart = new Chart(app, 'c');
for (let i = 0; i < 6; i++) addMicroservice(new Construct(chart, `svc${i}`), i);
const base = app.synthesize({ validate: false, yaml: false }).charts.flatMap((ch) => ch.objects.map((o) => ({ json: o.json, constructPath: o.construct.node.path })));

let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const VALUES = [null, undefined, '', 'x', 'Bad Name', 'a/b', '~x', -1, 0, 1.5, 8080, 70000, true, {}, [], [null], 'http', 'nope',
  '100m', '2Gi', '-1', '512MB', 'latest', 'nginx', 'nginx:latest', 'Always', 'Never', 'TCP', 'UDP', 'None', 'ExternalName',
  'Utilization', 'Deployment', 'StatefulSet', 'default', 'other', 'ReadWriteOnce', 'Block', { name: 'x' }, { 'app.kubernetes.io/name': 'svc1' }];

/** Every [parent, key] inside a JSON value. */
function slots(v, out = []) {
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push([v, k]);
      slots(v[k], out);
    }
  }
  return out;
}

function mutate(objects) {
  const set = structuredClone(objects);
  const n = 1 + Math.floor(random() * 6);
  for (let m = 0; m < n; m++) {
    const o = pick(set);
    const all = slots(o.json);
    if (all.length === 0) continue;
    const [parent, key] = pick(all);
    const r = random();
    if (r < 0.5) parent[key] = structuredClone(pick(VALUES));
    else if (r < 0.7) delete parent[key];
    else if (r < 0.85) {
      // A value from the same place in another object: names, labels and references start to collide.
      const other = slots(pick(set).json).find(([, k]) => k === key);
      if (other) parent[key] = structuredClone(other[0][key]);
    } else set.push(structuredClone(o));
  }
  return set;
}

function findings(rules, set) {
  const out = [];
  for (const o of set) out.push(rules.runObjectRules(o.json, o.constructPath ?? 'x'));
  out.push(rules.runSetRules(set));
  out.push(rules.validateObjects(set, { rules: { 'image-latest-tag': 'error', 'missing-limits': 'off' } }));
  return out;
}

const rounds = Number(roundsArg ?? 200);
let total = 0;
let differ = 0;
for (let i = 0; i < rounds; i++) {
  const set = mutate(base);
  const [a, b] = builds.map((rules) => {
    try {
      return findings(rules, structuredClone(set));
    } catch (e) {
      return `threw ${e && e.message}`;
    }
  });
  total += Array.isArray(a) ? a.reduce((s, x) => s + x.length, 0) : 0;
  if (!isDeepStrictEqual(a, b)) {
    differ++;
    if (differ <= 3) console.log(JSON.stringify({ round: i, a, b }).slice(0, 3000));
  }
}
console.log(`${rounds} broken sets (${total} findings), ${differ} differ`);
process.exitCode = differ === 0 ? 0 : 1;
