/**
 * `npm run bench:pulumi` (also part of `npm run bench`): registering the N-microservice app (5 objects per
 * service) under Pulumi's mocks through the kubeforge bridge — construct tree, render, validate, deploy() — against
 * the same objects written by hand as typed @pulumi/kubernetes resources. Each run is a fresh node process
 * (module loading included); wall time, CPU time and peak RSS are compared. Target: bridge ≤ 1.1× hand on both.
 *
 * Env: BENCH_PULUMI_SIZES="100,500" (default), BENCH_RUNS (default 3), BENCH_TIMEOUT_S (default 900).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type Mode = 'bridge' | 'hand';
const MODES: readonly Mode[] = ['bridge', 'hand'];
const TARGET = 1.1;

interface RunReport {
  readonly resources: number;
  /** Whole-process wall time, measured by the parent. */
  readonly seconds: number;
  readonly maxRssMiB: number;
  readonly cpuS: number;
}

function positiveInts(name: string, fallback: number[]): number[] {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  return raw.split(',').map((s) => {
    if (!/^\s*\d+\s*$/.test(s) || Number(s) < 1) throw new Error(`${name}: "${s}" is not a positive integer`);
    return Number(s);
  });
}

const SIZES = positiveInts('BENCH_PULUMI_SIZES', [100, 500]);
const RUNS = positiveInts('BENCH_RUNS', [3])[0];
const TIMEOUT_MS = positiveInts('BENCH_TIMEOUT_S', [900])[0] * 1000;

function runOnce(mode: Mode, n: number): RunReport | string {
  const script = path.join(__dirname, 'pulumi-app.js');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script, mode, String(n)], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KUBEFORGE_ENV: undefined, KUBEFORGE_NO_VALIDATE: undefined, KUBEFORGE_K8S_VERSION: undefined },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) return `error: ${r.error.message}`;
  if (r.status !== 0) {
    process.stderr.write(`  ${mode} N=${n} exited ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}\n`);
    return `error: exit ${r.status ?? r.signal}`;
  }
  try {
    // Wall time of the whole process (startup and module loading included), as seen from here.
    return { ...(JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as RunReport), seconds };
  } catch {
    return `error: no JSON report`;
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Row {
  readonly n: number;
  readonly runs: Record<Mode, RunReport[]>;
  readonly notes: string[];
}

function measure(n: number): Row {
  const row: Row = { n, runs: { bridge: [], hand: [] }, notes: [] };
  for (let run = 0; run < RUNS; run++) {
    // Alternate who goes first, so neither always runs on a warmer cache.
    for (const mode of run % 2 === 0 ? MODES : [...MODES].reverse()) {
      const r = runOnce(mode, n);
      if (typeof r === 'string') {
        row.notes.push(`${mode}: ${r}`);
        continue;
      }
      row.runs[mode].push(r);
      process.stderr.write(`  N=${n} ${mode} run ${run + 1}/${RUNS}: ${r.seconds.toFixed(2)} s (cpu ${r.cpuS.toFixed(2)} s), ${r.maxRssMiB.toFixed(0)} MiB, ${r.resources} resources\n`);
    }
  }
  const counts = new Set(MODES.flatMap((m) => row.runs[m].map((r) => r.resources)));
  if (counts.size > 1) row.notes.push(`resource counts differ: ${[...counts].join(' vs ')}`);
  if (counts.size === 1 && !counts.has(n * 5)) row.notes.push(`expected ${n * 5} resources, got ${[...counts][0]}`);
  return row;
}

const stat = (rs: RunReport[], f: (r: RunReport) => number, agg: (xs: number[]) => number) => (rs.length ? agg(rs.map(f)) : NaN);
const wall = (rs: RunReport[]) => stat(rs, (r) => r.seconds, median);
const cpu = (rs: RunReport[]) => stat(rs, (r) => r.cpuS, median);
const rss = (rs: RunReport[]) => stat(rs, (r) => r.maxRssMiB, (xs) => Math.max(...xs));
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

function version(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function main(): void {
  const header =
    `kubeforge bridge vs hand-written @pulumi/kubernetes ${version('@pulumi/kubernetes')} (@pulumi/pulumi ${version('@pulumi/pulumi')}) under mocks, ` +
    `node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
  process.stderr.write(`${header}\nsizes ${SIZES.join(', ')} services (5 resources each), ${RUNS} runs each\n`);
  const rows = SIZES.map(measure);
  const head = ['N services', 'resources', 'bridge s', 'hand s', 'time ratio', 'bridge cpu s', 'hand cpu s', 'cpu ratio', 'bridge MiB', 'hand MiB', 'RSS ratio', 'ms/resource (hand)', 'KiB/resource (hand)'];
  console.log(`\n${header}`);
  console.log(`Whole-process wall and CPU time (median of ${RUNS}), peak RSS (max); ratio = bridge / hand.\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| --- |${head.slice(1).map(() => ' ---: ').join('|')}|`);
  for (const row of rows) {
    const b = row.runs.bridge;
    const h = row.runs.hand;
    const res = row.n * 5;
    console.log(`| ${[
      row.n, res, fmt(wall(b)), fmt(wall(h)), `${fmt(wall(b) / wall(h))}×`, fmt(cpu(b)), fmt(cpu(h)), `${fmt(cpu(b) / cpu(h))}×`,
      fmt(rss(b), 0), fmt(rss(h), 0), `${fmt(rss(b) / rss(h))}×`, fmt((wall(h) * 1000) / res), fmt((rss(h) * 1024) / res, 0),
    ].join(' | ')} |`);
  }
  console.log('');
  for (const row of rows) for (const note of row.notes) console.log(`WARNING N=${row.n}: ${note}`);
  const big = rows[rows.length - 1];
  const b = big.runs.bridge;
  const h = big.runs.hand;
  console.log(`Targets (N=${big.n}, bridge ≤ ${TARGET}× hand):`);
  const verdict = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}× → ${x <= TARGET ? 'PASS' : 'FAIL'}` : 'not measured');
  console.log(`- wall time: ${verdict(wall(b) / wall(h))}`);
  console.log(`- CPU time: ${verdict(cpu(b) / cpu(h))} (steadier than wall time on a shared machine)`);
  console.log(`- peak RSS: ${verdict(rss(b) / rss(h))}`);
  if (rows.some((r) => r.notes.some((n) => n.includes('error')))) process.exitCode = 1;
}

main();
