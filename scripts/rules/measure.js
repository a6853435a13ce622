#!/usr/bin/env node
/**
 * CPU time of the per-object and cross-object rules (schema excluded) over the bench app's objects.
 * Usage: node scripts/rules/measure.js [N=5000] [--dump issues.json] [--build <dir>] [--cold | --attribute | --cold-each | --only <rule id>]
 * Run `npx tsc -p tsconfig.json` first. Not a test: timings depend on the machine and its load.
 *
 * "cold" is the first pass in a fresh process, which is what one synth pays; "warm" is the median of the next
 * passes (JIT-compiled code), shown per rule. Per-rule set figures run each rule on its own copy of the array,
 * so an index that several rules share is counted for each of them; the total runs them as the engine does.
 * --cold prints only the first pass. --attribute splits a first pass by rule (a shared index counts for the
 * first set rule that builds it). --cold-each runs every rule alone in a fresh process (--only <id>) and prints its first-pass CPU time.
 */
const path = require('path');
const fs = require('fs');

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const dump = flag('--dump');
const only = flag('--only');
const option = (name) => args.includes(name) && args.splice(args.indexOf(name), 1).length > 0;
const coldEach = option('--cold-each');
const coldOnly = option('--cold');
const attribute = option('--attribute');
const build = path.resolve(flag('--build') ?? path.join(__dirname, '../../build'));
const n = Number(args[0] ?? 5000);
const root = path.join(__dirname, '../..');

if (coldEach) {
  const { execFileSync } = require('child_process');
  const rules = require(path.join(build, 'lib/rules'));
  const rows = [];
  for (const r of [...rules.OBJECT_RULES, ...rules.SET_RULES]) {
    const out = execFileSync(process.execPath, [__filename, String(n), '--build', build, '--only', r.id], { encoding: 'utf8' });
    rows.push([r.id, Number(out.trim())]);
  }
  console.log('cold CPU ms per rule, each alone in a fresh process:');
  for (const [id, ms] of rows.sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(8)}  ${id}`);
  console.log(`  ${rows.reduce((s, r) => s + r[1], 0).toFixed(1).padStart(8)}  sum`);
  process.exit(0);
}

const { App, Chart } = require(path.join(build, 'lib'));
const { addMicroservice } = require(path.join(build, 'bench/kubeforge-app'));
const rules = require(path.join(build, 'lib/rules'));
const { Construct } = require(path.join(root, 'node_modules/constructs'));

const app = new App({ outdir: '/tmp/kubeforge-measure' });
const chart = new Chart(app, 'c');
for (let i = 0; i < n; i++) addMicroservice(new Construct(chart, `svc${i}`), i);
const synth = app.synthesize({ validate: false, yaml: false });
const objects = synth.charts.flatMap((ch) => ch.objects.map((o) => ({ json: o.json, constructPath: o.construct.node.path })));

/** CPU milliseconds (user + system) of one call. */
function cpu(fn) {
  const start = process.cpuUsage();
  const result = fn();
  const d = process.cpuUsage(start);
  return { ms: (d.user + d.system) / 1000, result };
}

function wall(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => ms.toFixed(1).padStart(8);

function runAll() {
  const out = [];
  for (const o of objects) out.push(...rules.runObjectRules(o.json, o.constructPath));
  out.push(...rules.runSetRules([...objects]));
  return out;
}

if (only) {
  const objectRule = rules.OBJECT_RULES.find((r) => r.id === only);
  const setRule = rules.SET_RULES.find((r) => r.id === only);
  const { ms } = objectRule
    ? cpu(() => { for (const o of objects) objectRule.check(o.json, o.constructPath); })
    : cpu(() => setRule.check([...objects]));
  console.log(ms.toFixed(1));
  process.exit(0);
}

if (attribute) {
  // Rule by rule over all objects (object rules), then the set rules in engine order: each timed with CPU time.
  const rows = [];
  for (const r of rules.OBJECT_RULES) rows.push(['object', r.id, cpu(() => { for (const o of objects) r.check(o.json, o.constructPath); }).ms]);
  for (const r of rules.SET_RULES) rows.push(['set', r.id, cpu(() => r.check(objects)).ms]);
  console.log('first pass, CPU ms per rule (object rules one after the other over all objects, then set rules in engine order):');
  for (const [kind, id, ms] of rows.sort((a, b) => b[2] - a[2])) console.log(`  ${fmt(ms)}  ${kind.padEnd(6)} ${id}`);
  const sum = (kind) => rows.filter((r) => r[0] === kind).reduce((t, r) => t + r[2], 0);
  console.log(`  ${fmt(sum('object'))}  object rules\n  ${fmt(sum('set'))}  set rules\n  ${fmt(sum('object') + sum('set'))}  total`);
  process.exit(0);
}

// Cold: the first pass, as one synth pays it.
const coldObject = cpu(() => { for (const o of objects) rules.runObjectRules(o.json, o.constructPath); });
const coldSet = cpu(() => rules.runSetRules([...objects]));
const coldWall = wall(runAll);
const coldLine = `cold CPU ms: object rules ${coldObject.ms.toFixed(1)}, set rules ${coldSet.ms.toFixed(1)}, total ${(coldObject.ms + coldSet.ms).toFixed(1)} (second pass wall ${coldWall.toFixed(1)})`;
if (dump) {
  const issues = runAll();
  fs.writeFileSync(dump, JSON.stringify(issues, null, 1));
  console.log(`${issues.length} issues written to ${dump}`);
}
if (coldOnly) {
  console.log(coldLine);
  process.exit(0);
}

const rows = [];
const PASSES = 5;
for (const r of rules.OBJECT_RULES) {
  const times = [];
  for (let k = 0; k < PASSES; k++) times.push(cpu(() => { for (const o of objects) r.check(o.json, o.constructPath); }).ms);
  rows.push(['object', r.id, median(times)]);
}
for (const r of rules.SET_RULES) {
  const times = [];
  for (let k = 0; k < PASSES; k++) times.push(cpu(() => r.check([...objects])).ms);
  rows.push(['set', r.id, median(times)]);
}
const warmTotal = [];
for (let k = 0; k < PASSES; k++) warmTotal.push(cpu(runAll).ms);

console.log(`${objects.length} objects (N=${n}), build ${path.relative(process.cwd(), build) || '.'}`);
console.log('warm CPU ms per rule (median of 5):');
for (const [kind, id, ms] of rows.sort((a, b) => b[2] - a[2])) console.log(`  ${fmt(ms)}  ${kind.padEnd(6)} ${id}`);
const sum = (kind) => rows.filter((r) => r[0] === kind).reduce((s, r) => s + r[2], 0);
console.log(`  ${fmt(sum('object'))}  object rules, sum`);
console.log(`  ${fmt(sum('set'))}  set rules, sum`);
console.log(coldLine);
console.log(`warm CPU ms, engine total (median of 5): ${median(warmTotal).toFixed(1)}`);

