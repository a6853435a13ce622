/**
 * `npm run bench`, validation part: `kubeforge validate` of a generated 10,000-object multi-document file, as a whole
 * process, beside kubernetes-models' validate() on the same objects (the reference). Also measured apart: module start
 * (loading what `validate` needs, over bare node) and YAML parsing alone (kubeforge's reader, js-yaml, the yaml package).
 * Each measurement is a fresh node process, alternating between tools, median of BENCH_RUNS (default 5).
 *
 * Env: BENCH_VALIDATE_OBJECTS (default 10000), BENCH_RUNS.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateManifests } from './gen-manifests';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');
const MODELS = path.join(ROOT, 'bench', 'kubernetes-models-validate.mjs');
const PARSE = path.join(__dirname, 'validate-parse.js');

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

interface Run {
  readonly seconds: number;
  readonly stdout: string;
}

/** One fresh process; wall time measured here. Exit codes other than `okCodes` fail the benchmark. */
function run(args: readonly string[], okCodes: readonly number[] = [0]): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr.slice(-3000)}`);
  return { seconds, stdout: r.stdout };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop() ?? '{}');

function main(): void {
  const objects = envInt('BENCH_VALIDATE_OBJECTS', 10_000);
  const runs = envInt('BENCH_RUNS', 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-bench-validate-'));
  try {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, generateManifests(objects));
    const mib = fs.statSync(file).size / 1048576;
    process.stderr.write(`validate benchmark: ${objects} objects, ${mib.toFixed(1)} MiB, ${runs} runs each\n`);

    const startScript = `require(${JSON.stringify(path.join(ROOT, 'build/lib/cli/validate.js'))});require(${JSON.stringify(path.join(ROOT, 'build/lib/rules/index.js'))})`;
    const t = { node: [] as number[], start: [] as number[], kubeforge: [] as number[], models: [] as number[] };
    const parse: Record<string, number[]> = {};
    let kfSummary: Record<string, number> = {};
    let modelsReport: Record<string, number> = {};
    for (let i = 0; i < runs; i++) {
      t.node.push(run(['-e', '0']).seconds);
      t.start.push(run(['-e', startScript]).seconds);
      // Alternate who goes first, so neither always runs on a warmer page cache.
      const pair = [
        () => {
          const r = run([CLI, 'validate', file, '-o', 'json'], [0, 1]);
          kfSummary = JSON.parse(r.stdout).summary;
          t.kubeforge.push(r.seconds);
        },
        () => {
          const r = run([MODELS, file]);
          modelsReport = lastJson(r.stdout);
          t.models.push(r.seconds);
        },
      ];
      for (const f of i % 2 === 0 ? pair : [...pair].reverse()) f();
      for (const [k, v] of Object.entries(lastJson(run([PARSE, file]).stdout) as Record<string, number>)) (parse[k] ??= []).push(v);
    }

    const kf = median(t.kubeforge);
    const models = median(t.models);
    const startMs = (median(t.start) - median(t.node)) * 1000;
    console.log(`\nkubeforge validate vs kubernetes-models validate(), ${objects} objects (${mib.toFixed(1)} MiB), median of ${runs} whole processes\n`);
    console.log('| measurement | seconds | ratio |');
    console.log('| --- | ---: | ---: |');
    console.log(`| kubeforge validate (parse, schema, all rules, JSON report) | ${kf.toFixed(2)} | 1.00 |`);
    console.log(`| kubernetes-models validate() (js-yaml parse, schema only) | ${models.toFixed(2)} | ${(models / kf).toFixed(2)} |`);
    console.log(`| node start alone | ${median(t.node).toFixed(2)} | |`);
    console.log('');
    console.log(`YAML parsing alone, in-process ms (median): ${Object.entries(parse).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join(', ')}`);
    console.log(`kubeforge found: ${JSON.stringify(kfSummary)}; kubernetes-models: ${JSON.stringify(modelsReport)}`);
    console.log('\nTargets:');
    console.log(`- kubeforge validate of ${objects} objects ≤ 1.5 s: ${kf.toFixed(2)} s → ${kf <= 1.5 ? 'PASS' : 'FAIL'}`);
    console.log(`- module start < 100 ms over bare node: ${startMs.toFixed(0)} ms → ${startMs < 100 ? 'PASS' : 'FAIL'}`);
    if (kfSummary.objects !== objects) {
      console.log(`WARNING: kubeforge validated ${kfSummary.objects} objects, expected ${objects}`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
