/**
 * `npm run bench`: kubeforge vs cdk8s-plus-33 on the "N microservices" workload, each synth a separate node
 * process (startup, module loading and file writing included), timed here with process.hrtime.
 *
 * Env: BENCH_SIZES="100,1000" (default 100,1000,5000), BENCH_RUNS (default 3 for N≤1000, 1 above),
 * BENCH_FULL=1 (also run cdk8s-plus per-service at N≥5000, which is quadratic), BENCH_TIMEOUT_S (default 900).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BenchReport, Layout, version } from './report';

type Tool = 'kubeforge' | 'cdk8s-plus';
const TOOLS: readonly Tool[] = ['kubeforge', 'cdk8s-plus'];
const LAYOUTS: readonly Layout[] = ['single', 'per-service'];
const OBJECTS_PER_SERVICE = 5;
const SKIP_NOTE = 'skipped: quadratic, ~10 min; BENCH_FULL=1 to run';

interface Outcome {
  readonly times: number[];
  readonly rss: number[];
  readonly cpu: number[];
  readonly objects: Set<number>;
  /** Why there is no (complete) measurement: skipped, timeout, error. */
  note?: string;
}

interface Row {
  readonly n: number;
  readonly layout: Layout;
  readonly results: Record<Tool, Outcome>;
}

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES?.trim();
  if (!raw) return [100, 1000, 5000];
  return raw.split(',').map((s) => {
    if (!/^\s*\d+\s*$/.test(s) || Number(s) < 1) throw new Error(`BENCH_SIZES: "${s}" is not a positive integer`);
    return Number(s);
  });
}

const FULL = process.env.BENCH_FULL === '1';
const TIMEOUT_MS = (envInt('BENCH_TIMEOUT_S') ?? 900) * 1000;
const tmpDirs = new Set<string>();
process.on('exit', () => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** One synth in a fresh node process. Returns the wall time (s) and the child's report, or a failure note. */
function runOnce(tool: Tool, n: number, layout: Layout): { seconds: number; report: BenchReport } | { note: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kubeforge-bench-${tool}-`));
  tmpDirs.add(tmp);
  try {
    const script = path.join(__dirname, `${tool}-app.js`);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [script, String(n), layout, path.join(tmp, 'out')], {
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CDK8S_OUTDIR: undefined, KUBEFORGE_NO_VALIDATE: undefined },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { note: `timeout after ${TIMEOUT_MS / 1000} s` };
    if (r.error) return { note: `error: ${r.error.message}` };
    if (r.status !== 0) {
      process.stderr.write(`  ${tool} N=${n} ${layout} exited ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}\n`);
      return { note: `error: exit ${r.status ?? r.signal}` };
    }
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      return { seconds, report: JSON.parse(line) as BenchReport };
    } catch {
      return { note: `error: no JSON report (stdout: ${line.slice(0, 80)})` };
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    tmpDirs.delete(tmp);
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ok = (o: Outcome) => !o.note && o.times.length > 0;
const secs = (o: Outcome) => (ok(o) ? median(o.times).toFixed(2) : o.note ?? 'n/a');
const mib = (o: Outcome) => (ok(o) ? Math.max(...o.rss).toFixed(0) : '–');

function ratio(a: Outcome, b: Outcome, f: (o: Outcome) => number): string {
  return ok(a) && ok(b) ? `${(f(b) / f(a)).toFixed(1)}×` : '–';
}

function measure(n: number, layout: Layout, runs: number): Row {
  const results = {} as Record<Tool, Outcome>;
  for (const t of TOOLS) results[t] = { times: [], rss: [], cpu: [], objects: new Set() };
  if (layout === 'per-service' && n >= 5000 && !FULL) results['cdk8s-plus'].note = SKIP_NOTE;
  for (let run = 0; run < runs; run++) {
    // Alternate who goes first, so neither tool always runs on a warmer page cache.
    for (const tool of run % 2 === 0 ? TOOLS : [...TOOLS].reverse()) {
      const o = results[tool];
      if (o.note) continue;
      const r = runOnce(tool, n, layout);
      if ('note' in r) {
        o.note = r.note;
        process.stderr.write(`  N=${n} ${layout} ${tool} run ${run + 1}/${runs}: ${r.note}\n`);
        continue;
      }
      o.times.push(r.seconds);
      o.rss.push(r.report.maxRssMiB);
      o.cpu.push(r.report.cpuS ?? NaN);
      o.objects.add(r.report.objects);
      process.stderr.write(
        `  N=${n} ${layout} ${tool} run ${run + 1}/${runs}: ${r.seconds.toFixed(2)} s (cpu ${r.report.cpuS?.toFixed(2)} s), ${r.report.maxRssMiB.toFixed(0)} MiB, ` +
          `${r.report.objects} objects in ${r.report.files} files (${(r.report.bytes / 1048576).toFixed(1)} MiB)\n`,
      );
    }
  }
  return { n, layout, results };
}

/** Object count cell, plus warnings when the tools (or runs) disagree or miss the expected 5 per service. */
function objectsCell(row: Row, warnings: string[]): string {
  const expected = row.n * OBJECTS_PER_SERVICE;
  const seen = TOOLS.filter((t) => row.results[t].objects.size > 0).map((t) => [t, [...row.results[t].objects]] as const);
  const all = new Set(seen.flatMap(([, c]) => c));
  const where = `N=${row.n} ${row.layout}`;
  if (all.size > 1) warnings.push(`WARNING ${where}: object counts differ: ${seen.map(([t, c]) => `${t} ${c.join('/')}`).join(', ')}`);
  if (all.size > 0 && !all.has(expected)) warnings.push(`WARNING ${where}: expected ${expected} objects, got ${[...all].join('/')}`);
  if (seen.length === 1 && TOOLS.some((t) => row.results[t].note)) {
    warnings.push(`note ${where}: object count not cross-checked (${TOOLS.find((t) => row.results[t].note)} did not run)`);
  }
  return all.size === 0 ? '–' : [...all].join(' ≠ ');
}

function table(rows: readonly Row[], warnings: string[]): string {
  const head = ['N', 'layout', 'objects', 'kubeforge s', 'cdk8s-plus s', 'speed-up (cdk8s-plus/kubeforge)', 'kubeforge MiB', 'cdk8s-plus MiB', 'RSS ratio (cdk8s-plus/kubeforge)'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    const kf = row.results.kubeforge;
    const kp = row.results['cdk8s-plus'];
    const cells = [
      String(row.n), row.layout, objectsCell(row, warnings), secs(kf), secs(kp),
      ratio(kf, kp, (o) => median(o.times)), mib(kf), mib(kp), ratio(kf, kp, (o) => Math.max(...o.rss)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function targets(rows: readonly Row[]): string[] {
  const out: string[] = ['Targets:'];
  const find = (n: number, layout: Layout) => rows.find((r) => r.n === n && r.layout === layout);
  const big = find(5000, 'single');
  if (!big) out.push('- N=5000 single: not measured (5000 not in BENCH_SIZES)');
  else {
    const kf = big.results.kubeforge;
    const kp = big.results['cdk8s-plus'];
    if (ok(kf) && ok(kp)) {
      const s = median(kp.times) / median(kf.times);
      out.push(`- kubeforge N=5000 single ≥ 4× faster than cdk8s-plus: ${s.toFixed(1)}× → ${s >= 4 ? 'PASS' : 'FAIL'}`);
    } else out.push(`- kubeforge N=5000 single ≥ 4× faster than cdk8s-plus: not measured (${kf.note ?? kp.note})`);
    if (ok(kf)) {
      const m = Math.max(...kf.rss);
      out.push(`- kubeforge N=5000 single peak RSS ≤ 250 MiB: ${m.toFixed(0)} MiB → ${m <= 250 ? 'PASS' : 'FAIL'}`);
    }
  }
  const per = rows.filter((r) => r.layout === 'per-service' && ok(r.results.kubeforge)).sort((a, b) => a.n - b.n);
  const t = (r: Row) => median(r.results.kubeforge.times);
  out.push(`- kubeforge per-service must scale linearly. Wall s per 1000 services (includes fixed process startup): ` +
    (per.map((r) => `N=${r.n}: ${((t(r) / r.n) * 1000).toFixed(2)}`).join(', ') || 'n/a'));
  const slopes = per.slice(1).map((r, i) => ({ from: per[i].n, to: r.n, s: ((t(r) - t(per[i])) / (r.n - per[i].n)) * 1000 }));
  if (slopes.length) {
    out.push(`  Marginal s per 1000 services (startup cancels out): ${slopes.map((x) => `${x.from}→${x.to}: ${x.s.toFixed(2)}`).join(', ')}`);
    if (slopes.length >= 2) {
      const growth = slopes[slopes.length - 1].s / slopes[0].s;
      out.push(`  Last/first marginal slope: ${growth.toFixed(2)} (≈1 linear, ≫1 superlinear) → ${growth <= 1.5 ? 'PASS' : 'FAIL'} (threshold 1.5)`);
    }
  }
  return out;
}

function main(): void {
  const ns = sizes();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const kf = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const header =
    `kubeforge ${kf.version} vs cdk8s-plus-33 ${version('cdk8s-plus-33')} (cdk8s ${version('cdk8s')}), node ${process.version}, ` +
    `${os.cpus().length}× ${cpu}, ${os.platform()} ${os.release()}`;
  process.stderr.write(`${header}\nsizes ${ns.join(', ')}; timeout ${TIMEOUT_MS / 1000} s per process${FULL ? '; BENCH_FULL=1' : ''}\n`);
  const rows: Row[] = [];
  for (const n of ns) {
    const runs = envInt('BENCH_RUNS') ?? (n <= 1000 ? 3 : 1);
    for (const layout of LAYOUTS) rows.push(measure(n, layout, runs));
  }
  const warnings: string[] = [];
  const md = table(rows, warnings);
  const runsNote = process.env.BENCH_RUNS ? `${process.env.BENCH_RUNS} runs each` : '3 runs for N≤1000, 1 above';
  console.log(`\n${header}`);
  const all = rows.flatMap((r) => TOOLS.map((t) => r.results[t]));
  const sum = (f: (o: Outcome) => number[]) => all.reduce((a, o) => a + f(o).reduce((x, y) => x + y, 0), 0);
  const cpuRatio = sum((o) => o.cpu) / sum((o) => o.times);
  const cpuNote = cpuRatio < 0.8 ? 'below 1: other work competed for the CPUs, so timings are noisy' : 'near or above 1: the runs had the CPUs to themselves (GC threads add to CPU time)';
  console.log(`Child CPU time / wall time over all runs: ${cpuRatio.toFixed(2)} (${cpuNote}).`);
  console.log(`Whole-process wall time (median of ${runsNote}) and peak RSS (max over runs); ${OBJECTS_PER_SERVICE} objects per service.\n`);
  console.log(md);
  console.log('');
  for (const w of warnings) console.log(w);
  if (warnings.length) console.log('');
  for (const l of targets(rows)) console.log(l);
  const failed = rows.some((r) => TOOLS.some((t) => r.results[t].note && r.results[t].note !== SKIP_NOTE));
  if (failed) process.exitCode = 1;
}

main();
