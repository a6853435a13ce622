/** Shared by both bench apps: argv parsing, the tree layout, and the one-line JSON report the parent reads. */
import * as fs from 'fs';
import { Construct } from 'constructs';
import * as path from 'path';

export type Layout = 'single' | 'per-service';

export interface BenchArgs {
  readonly n: number;
  readonly layout: Layout;
  readonly outdir: string;
}

export interface BenchReport {
  readonly objects: number;
  readonly files: number;
  readonly maxRssMiB: number;
  readonly bytes: number;
  /** User+system CPU seconds of the whole process; extra, to spot a contended machine (wall ≫ cpu). */
  readonly cpuS?: number;
}

/** `node <app>.js <N> <single|per-service> <outdir>` */
export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const [n, layout, outdir] = argv;
  if (!/^\d+$/.test(n ?? '') || (layout !== 'single' && layout !== 'per-service') || !outdir) {
    throw new Error(`usage: node <app>.js <N> <single|per-service> <outdir> (got ${JSON.stringify(argv)})`);
  }
  return { n: Number(n), layout, outdir };
}

/** Counts the YAML documents (one top-level `kind:` line each) in the written *.k8s.yaml files. */
export function countOutput(outdir: string): Omit<BenchReport, 'maxRssMiB'> {
  let objects = 0;
  let files = 0;
  let bytes = 0;
  for (const f of fs.readdirSync(outdir)) {
    if (!f.endsWith('.k8s.yaml')) continue;
    const text = fs.readFileSync(path.join(outdir, f), 'utf8');
    files++;
    bytes += Buffer.byteLength(text);
    objects += text.match(/^kind: /gm)?.length ?? 0;
  }
  return { objects, files, bytes };
}

/** Prints the report line. Peak RSS is read before counting, so the check's file reads do not inflate it. */
export function report(outdir: string): void {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  const out: BenchReport = { ...countOutput(outdir), maxRssMiB: maxRSS / 1024, cpuS: (userCPUTime + systemCPUTime) / 1e6 };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** The bench app's main: both tools build the same tree shape, only the App/Chart classes differ. */
export function runBenchApp<A extends Construct & { synth(): void }>(
  makeApp: (outdir: string) => A,
  makeChart: (app: A, id: string) => Construct,
  addMicroservice: (scope: Construct, i: number) => void,
): void {
  const { n, layout, outdir } = parseArgs();
  const app = makeApp(outdir);
  const single = layout === 'single' ? makeChart(app, 'services') : undefined;
  for (let i = 0; i < n; i++) {
    addMicroservice(single ? new Construct(single, `svc-${i}`) : makeChart(app, `svc-${i}`), i);
  }
  app.synth();
  report(outdir);
}

/** The installed version of an npm package, for benchmark headers. */
export function version(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
