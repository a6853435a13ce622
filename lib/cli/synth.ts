/**
 * `kubeforge synth`: runs the app into a private staging directory, then swaps it into the output directory.
 * The previous output survives any failure: a crash, a finding, or an app that writes nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertReplaceable, makeStagingDir, OutputDirError, replaceDirectory } from '../synth/write';
import { ConfigError, readConfig } from './config';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';

export interface SynthOptions {
  readonly app?: string;
  readonly output?: string;
  readonly stdout?: boolean;
  readonly validate?: boolean;
  /** Target Kubernetes version for validation (overrides the app's). */
  readonly k8sVersion?: string;
  readonly configFile?: string;
  /** Environment the app is built for: passed to it as KUBEFORGE_ENV (the App's default active environment). */
  readonly env?: string;
  readonly cwd?: string;
}


export function runSynth(opts: SynthOptions, log: (s: string) => void, out: (s: string) => void): number {
  const started = process.hrtime.bigint();
  const cwd = opts.cwd ?? process.cwd();
  let app = opts.app;
  let output = opts.output;
  if (!app || !output) {
    try {
      const cfg = readConfig(path.resolve(cwd, opts.configFile ?? 'cdk8s.yaml'));
      app ??= cfg.app;
      output ??= cfg.output;
    } catch (e) {
      if (!(e instanceof ConfigError) || !app) {
        log(`kubeforge: ${(e as Error).message}\n`);
        return EXIT_USAGE;
      }
    }
  }
  const outdir = path.resolve(cwd, output ?? 'dist');
  try {
    // Checked before running the app, so a wrong -o fails fast and nothing is touched.
    if (!opts.stdout) assertReplaceable(outdir);
  } catch (e) {
    log(`kubeforge: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  const staging = makeStagingDir(outdir);
  const resultFile = path.join(os.tmpdir(), `kubeforge-result-${process.pid}-${Date.now()}.json`);
  try {
    const child = spawnSync(app!, {
      cwd,
      shell: true,
      // The app's own stdout is a log, not data: keep kubeforge's stdout for manifests (--stdout).
      stdio: ['ignore', 2, 2],
      env: {
        ...process.env,
        CDK8S_OUTDIR: staging,
        KUBEFORGE_RESULT_FILE: resultFile,
        ...(opts.validate === false ? { KUBEFORGE_NO_VALIDATE: '1' } : {}),
        ...(opts.k8sVersion ? { KUBEFORGE_K8S_VERSION: opts.k8sVersion } : {}),
        ...(opts.env !== undefined ? { KUBEFORGE_ENV: opts.env } : {}),
      },
    });
    if (child.error) {
      log(`kubeforge: could not run the app "${app}": ${child.error.message}. ${outdir} was left unchanged.\n`);
      return EXIT_USAGE;
    }
    if (child.status !== 0) {
      const finding = readResult(resultFile) === 'finding';
      log(`kubeforge: synth failed (${finding ? 'findings above' : `the app "${app}" exited with ${child.status ?? child.signal}`}); ${outdir} was left unchanged.\n`);
      return finding ? EXIT_FINDINGS : EXIT_USAGE;
    }
    const files = fs.readdirSync(staging).filter((f) => f.endsWith('.k8s.yaml')).sort();
    if (files.length === 0) {
      log(`kubeforge: the app "${app}" wrote no manifests (does it call app.synth()?); ${outdir} was left unchanged.\n`);
      return EXIT_USAGE;
    }
    let objects = 0;
    const contents = files.map((f) => fs.readFileSync(path.join(staging, f), 'utf8'));
    for (const c of contents) objects += c.trim() === '' ? 0 : c.split(/^---$/m).length;
    if (opts.stdout) {
      out(contents.filter((c) => c.trim() !== '').join('---\n'));
    } else {
      try {
        replaceDirectory(staging, outdir);
      } catch (e) {
        log(`kubeforge: ${e instanceof OutputDirError ? e.message : `could not write ${outdir}: ${(e as Error).message}`}\n`);
        return EXIT_USAGE;
      }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const where = opts.stdout ? 'stdout' : path.relative(cwd, outdir) || '.';
    log(`kubeforge: synthesized ${objects} object(s) in ${files.length} file(s) to ${where} in ${(ms / 1000).toFixed(2)}s\n`);
    return EXIT_OK;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

function readResult(file: string): 'finding' | 'crash' | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).kind;
  } catch {
    return undefined;
  }
}
