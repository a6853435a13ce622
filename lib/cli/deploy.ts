/**
 * `kubeforge deploy|preview|destroy --env NAME`: deploys the app through Pulumi's Automation API, for users
 * who do not want to write a Pulumi project.
 *
 * How the app gets to Pulumi: the cdk8s.yaml `app:` command (`node build/main.js`) is run inside this process
 * (app-loader.ts) with KUBEFORGE_ENV=NAME, and the App it synthesizes is handed to the bridge's `deploy()` in an
 * inline program (LocalWorkspace). Inline, because the App object cannot cross a process boundary, and because
 * it needs no generated project, no language host and no second copy of the app's dependencies.
 * The stack lives in whatever backend the CLI uses (PULUMI_BACKEND_URL, else `pulumi login`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { parseArgs } from 'util';
import type * as automation from '@pulumi/pulumi/automation';
import { formatIssuesText } from '../report/text';
import { Issue } from '../util/errors';
import { AppLoadError, loadApp, parseAppCommand } from './app-loader';
import { readConfig } from './config';
import {
  backendInfo, findOnPath, missingPulumiCliMessage, missingSdkMessage, passphraseProblem, projectNameFrom, resolveFrom,
} from './deploy-preflight';
import {
  countChanges, formatFailure, formatSummary, hasChanges, Operation, ProgressTracker, RegisteredResource,
} from './deploy-report';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';

export const DEPLOY_USAGE = `Usage: kubeforge deploy|preview|destroy --env NAME [options]

  deploy     Create or update every object of the app in the environment's cluster (pulumi up)
  preview    Show what deploy would change, change nothing (pulumi preview)
  destroy    Delete every object the stack deployed (pulumi destroy)

Options:
  -e, --env <name>      Environment declared in the app (App "environments"); also the stack name (default: $KUBEFORGE_ENV)
      --stack <name>    Pulumi stack name (default: the environment name)
  -a, --app <command>   Command that runs the app, "node <file>.js" (default: "app" in cdk8s.yaml)
  -c, --config <file>   Project file (default: cdk8s.yaml)
  -y, --yes             Apply without asking (needed when stdin is not a terminal)
      --refresh         Read the live objects first, so drift made outside Pulumi is corrected
      --no-color        Plain output (NO_COLOR is honoured too)
  -h, --help            Show this help

The Pulumi project is the "name" of a Pulumi.yaml in the directory, else package.json's, else the directory's.
State goes to the backend the pulumi CLI uses: PULUMI_BACKEND_URL (e.g. file://$HOME/.kubeforge-state), else the one from \`pulumi login\`
(\`pulumi login --local\` needs no account). A local backend needs PULUMI_CONFIG_PASSPHRASE for stack secrets.

Exit codes: 0 success; 1 the app has findings at error level, the environment names another cluster, or the
cluster refused or did not finish objects; 2 usage, setup (pulumi CLI, SDKs, backend) or I/O error.
`;

export interface DeployOptions {
  readonly operation: Operation;
  readonly env: string;
  readonly stack?: string;
  readonly app?: string;
  readonly configFile?: string;
  readonly yes?: boolean;
  readonly refresh?: boolean;
  readonly cwd?: string;
}

export interface DeployIo {
  readonly log: (s: string) => void;
  readonly out: (s: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export type ParsedDeployArgs = { readonly options: DeployOptions } | { readonly help: true } | { readonly error: string };

/** Parses `deploy|preview|destroy` and its options (argv includes the command word). */
export function parseDeployArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedDeployArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        env: { type: 'string', short: 'e' },
        stack: { type: 'string' },
        app: { type: 'string', short: 'a' },
        config: { type: 'string', short: 'c' },
        yes: { type: 'boolean', short: 'y' },
        refresh: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [operation, ...rest] = positionals;
  if (operation !== 'deploy' && operation !== 'preview' && operation !== 'destroy') {
    return { error: `expected deploy, preview or destroy (got ${JSON.stringify(operation ?? '')})` };
  }
  if (rest.length) return { error: `${operation} takes no positional arguments (got ${rest.join(' ')})` };
  const envName = values.env ?? env.KUBEFORGE_ENV;
  if (!envName) {
    return { error: `${operation} needs --env NAME: the environment (declared in the app) whose cluster to use; it also names the stack` };
  }
  const nameProblem = (what: string, v: string) =>
    /^[A-Za-z0-9_.-]+$/.test(v) ? undefined : `${what} ${JSON.stringify(v)} is not a valid stack name (allowed: letters, digits, "-", "_", ".")`;
  const problem = (values.stack === undefined ? nameProblem('--env', envName) : undefined) ?? (values.stack !== undefined ? nameProblem('--stack', values.stack) : undefined);
  if (problem) return { error: problem };
  if (values['no-color']) process.env.NO_COLOR = '1';
  return {
    options: {
      operation,
      env: envName,
      stack: values.stack,
      app: values.app,
      configFile: values.config,
      yes: values.yes,
      refresh: values.refresh,
    },
  };
}

/** The command-line entry: parse, run, exit code. */
export async function deployCommand(argv: readonly string[], io: DeployIo): Promise<number> {
  const parsed = parseDeployArgs(argv, io.env ?? process.env);
  if ('help' in parsed) {
    io.out(DEPLOY_USAGE);
    return EXIT_OK;
  }
  if ('error' in parsed) {
    io.log(`kubeforge: ${parsed.error}\n\n${DEPLOY_USAGE}`);
    return EXIT_USAGE;
  }
  return runDeploy(parsed.options, { confirm: process.stdin.isTTY ? askOnTerminal : undefined, ...io });
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** The bridge's shape as the CLI uses it (lib/pulumi, or the app's own copy of kubeforge/pulumi). */
interface Bridge {
  deploy(app: object, options?: { environment?: string; validate?: boolean }): {
    readonly resources: ReadonlyMap<string, unknown>;
    readonly plan: { readonly objects: readonly { readonly path: string; readonly resourceName: string }[] };
  };
  /** The kubeconfig half of the wrong-cluster guard (no Pulumi calls): throws a KubeforgeError on a mismatch. */
  resolveCluster(env: object): { readonly kubeconfig: string; readonly context: string; readonly server: string };
}

/** What the CLI needs of an App, duck-typed: the app may load its own copy of kubeforge. */
interface LoadedApp {
  validate?(): Issue[];
  readonly environment?: { readonly name: string; readonly props?: { readonly cluster?: { readonly server?: string; readonly context?: string } } };
}

function isFinding(e: unknown): e is Error & { toIssue?(): Issue; issues?: readonly Issue[] } {
  const name = (e as Error | undefined)?.name;
  return name === 'KubeforgeError' || name === 'SynthError' || (e as { issues?: unknown })?.issues !== undefined;
}

function findingText(e: Error & { toIssue?(): Issue; issues?: readonly Issue[] }): string {
  if (e.issues) return formatIssuesText(e.issues.filter((i) => i.severity === 'error'));
  if (e.toIssue) return formatIssuesText([e.toIssue()]);
  return `${e.message}\n`;
}

export async function runDeploy(opts: DeployOptions, io: DeployIo): Promise<number> {
  const { log } = io;
  const env = io.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const op = opts.operation;
  const stackName = opts.stack ?? opts.env;

  // 1. Setup checks, cheapest first and all before the app runs.
  let appCommand = opts.app;
  if (!appCommand) {
    try {
      appCommand = readConfig(path.resolve(cwd, opts.configFile ?? 'cdk8s.yaml')).app;
    } catch (e) {
      log(`kubeforge: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  let entry;
  try {
    entry = parseAppCommand(appCommand, cwd);
  } catch (e) {
    log(`kubeforge: ${(e as Error).message}.\n`);
    return EXIT_USAGE;
  }
  if (!findOnPath('pulumi', env.PATH)) {
    log(missingPulumiCliMessage(op));
    return EXIT_USAGE;
  }
  const appDir = path.dirname(entry.file);
  const bridgeFile = resolveFrom(appDir, 'kubeforge/pulumi') ?? resolveFrom(__dirname, '../pulumi');
  const sdkDir = bridgeFile ? path.dirname(bridgeFile) : __dirname;
  const missing = ['@pulumi/pulumi', '@pulumi/kubernetes'].filter((p) => !resolveFrom(sdkDir, `${p}/package.json`));
  if (missing.length) {
    log(missingSdkMessage(op, missing, appDir));
    return EXIT_USAGE;
  }
  if (!bridgeFile) {
    log(`kubeforge ${op}: the Pulumi bridge (kubeforge/pulumi) is missing from this kubeforge installation (${path.resolve(__dirname, '..')}). Fix: reinstall kubeforge.\n`);
    return EXIT_USAGE;
  }
  const backend = backendInfo(env);
  if (backend.problem) {
    log(`kubeforge ${op}: ${backend.problem}`);
    return EXIT_USAGE;
  }
  const passphrase = passphraseProblem(backend.url, env);
  if (passphrase) {
    log(`kubeforge ${op}: ${passphrase}`);
    return EXIT_USAGE;
  }

  // 2. The app, built for the environment (the same objects `kubeforge synth --env NAME` writes).
  const savedEnv = process.env.KUBEFORGE_ENV;
  process.env.KUBEFORGE_ENV = opts.env;
  let app: LoadedApp;
  try {
    app = (await loadApp(entry, cwd)) as LoadedApp;
  } catch (e) {
    if (e instanceof AppLoadError) {
      if (isFinding(e.cause) && /environment ".*" is not declared/.test(e.cause.message)) {
        // A wrong --env is a usage error, not a finding in the app.
        log(findingText(e.cause));
        return EXIT_USAGE;
      }
      if (isFinding(e.cause)) {
        log(findingText(e.cause));
        log(`kubeforge: ${e.message}; nothing was ${op === 'destroy' ? 'deleted' : 'deployed'}.\n`);
        return EXIT_FINDINGS;
      }
      log(`${(e.cause as Error)?.stack ?? String(e.cause)}\nkubeforge: ${e.message}; nothing was ${op === 'destroy' ? 'deleted' : 'deployed'}.\n`);
      return EXIT_USAGE;
    }
    log(`kubeforge: ${(e as Error).message}.\n`);
    return EXIT_USAGE;
  } finally {
    if (savedEnv === undefined) delete process.env.KUBEFORGE_ENV;
    else process.env.KUBEFORGE_ENV = savedEnv;
  }
  if (op !== 'destroy' && typeof app.validate === 'function') {
    // Findings stop the deploy before Pulumi starts (the bridge then skips its own, identical check).
    const issues = app.validate();
    const errors = issues.filter((i) => i.severity === 'error');
    const warnings = issues.filter((i) => i.severity === 'warning');
    if (warnings.length) log(formatIssuesText(warnings));
    if (errors.length) {
      log(formatIssuesText(errors));
      log(`kubeforge: ${op} stopped: ${errors.length} finding(s) at error level; nothing was deployed.\n`);
      return EXIT_FINDINGS;
    }
  }

  // 3. Pulumi.
  const bridge = require(bridgeFile) as Bridge;
  const auto = require(resolveFrom(sdkDir, '@pulumi/pulumi/automation')!) as typeof automation;
  const projectName = projectNameFrom(cwd);
  let cluster: { server: string; context: string } | undefined;
  if (app.environment) {
    // The kubeconfig check again here, so a wrong cluster is refused before a stack is even selected.
    try {
      cluster = bridge.resolveCluster(app.environment);
    } catch (e) {
      if (!isFinding(e)) throw e;
      log(findingText(e));
      log(`kubeforge: ${op} refused for environment ${opts.env}; nothing was ${op === 'destroy' ? 'deleted' : 'deployed'}.\n`);
      return EXIT_FINDINGS;
    }
  }
  log(
    `kubeforge: ${op} ${path.relative(cwd, entry.file) || entry.file} → environment ${opts.env}` +
      `${cluster ? ` (cluster ${cluster.server}, context ${cluster.context})` : ''}` +
      `, stack ${projectName}/${stackName}${backend.url ? ` in ${backend.url}` : ''}\n`,
  );
  let programError: unknown;
  let registered: RegisteredResource[] = [];
  const program = async () => {
    try {
      // Validated above (deploy, preview); a destroy must not be blocked by a finding in today's code.
      const d = bridge.deploy(app, { environment: opts.env, validate: false });
      registered = d.plan.objects.map((o) => {
        // The type token is not part of the bridge's API; Pulumi keeps it on every resource.
        const type = (d.resources.get(o.path) as { __pulumiType?: string } | undefined)?.__pulumiType ?? '';
        return { name: o.resourceName, type, constructPath: o.path };
      });
      return { objects: registered.length };
    } catch (e) {
      programError = e;
      throw e;
    }
  };

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-deploy-'));
  const abort = new AbortController();
  const onSigint = () => {
    log('kubeforge: interrupted; asking Pulumi to stop after the steps in flight (Ctrl-C again to force)\n');
    abort.abort();
    process.off('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  let tracker: ProgressTracker | undefined;
  try {
    const args = { projectName, stackName, program };
    const wsOpts = { workDir, projectSettings: { name: projectName, runtime: 'nodejs' as const, description: 'Deployed by kubeforge deploy' } };
    let stack: automation.Stack;
    if (op === 'destroy') {
      try {
        stack = await auto.LocalWorkspace.selectStack(args, wsOpts);
      } catch (e) {
        if (e instanceof auto.StackNotFoundError) {
          log(`kubeforge: no stack ${projectName}/${stackName}${backend.url ? ` in ${backend.url}` : ''}: nothing was deployed there, nothing to destroy.\n`);
          return EXIT_USAGE;
        }
        throw e;
      }
    } else {
      stack = await auto.LocalWorkspace.createOrSelectStack(args, wsOpts);
    }
    const common = { color: 'never' as const, refresh: opts.refresh, signal: abort.signal };
    const track = (kind: Operation) => {
      // The program's own errors, and refusals raised while it runs, are reported once by reportFailure.
      tracker = new ProgressTracker(kind, log, Date.now, (m) => programError !== undefined || REFUSAL.test(m));
      return (e: automation.EngineEvent) => {
        if (registered.length) tracker!.register(registered);
        tracker!.onEvent(e);
      };
    };
    const ctx = () => ({ env: opts.env, stack: stackName, seconds: (Date.now() - started) / 1000 });

    if (op === 'preview' || !opts.yes) {
      const plan = op === 'destroy'
        ? await stack.previewDestroy({ ...common, runProgram: true, onEvent: track('preview') })
        : await stack.preview({ ...common, onEvent: track('preview') });
      const counts = countChanges(plan.changeSummary);
      log(formatSummary('preview', counts, ctx()));
      if (op === 'preview') return EXIT_OK;
      if (!hasChanges(counts)) {
        log(`kubeforge: nothing to ${op === 'destroy' ? 'destroy' : 'deploy'}.\n`);
        return EXIT_OK;
      }
      if (!io.confirm) {
        log(`kubeforge: ${op} changes the cluster and stdin is not a terminal to confirm on: run it again with --yes.\n`);
        return EXIT_USAGE;
      }
      const where = cluster?.server ? ` (${cluster.server})` : '';
      if (!(await io.confirm(`${op === 'destroy' ? 'Delete these objects from' : 'Apply these changes to'} environment ${opts.env}${where}? [y/N] `))) {
        log('kubeforge: cancelled; nothing was changed.\n');
        return EXIT_OK;
      }
    }
    const result = op === 'destroy'
      ? await stack.destroy({ ...common, runProgram: true, onEvent: track('destroy') })
      : await stack.up({ ...common, onEvent: track('deploy') });
    log(formatSummary(op, countChanges(result.summary.resourceChanges), ctx()));
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, op, opts.env, stackName, tracker, programError, log, auto);
  } finally {
    process.off('SIGINT', onSigint);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** How a KubeforgeError thrown inside the running program shows up in Pulumi's diagnostics. */
const REFUSAL = /refusing to deploy|KubeforgeError/;

function reportFailure(
  e: unknown, op: Operation, env: string, stack: string, tracker: ProgressTracker | undefined, programError: unknown,
  log: (s: string) => void, auto: typeof automation,
): number {
  const nothing = `nothing was ${op === 'destroy' ? 'deleted' : 'deployed'}`;
  if (programError !== undefined) {
    if (isFinding(programError)) {
      log(findingText(programError));
      log(`kubeforge: ${op} refused for environment ${env}; ${nothing}.\n`);
      return EXIT_FINDINGS;
    }
    log(`${(programError as Error)?.stack ?? String(programError)}\nkubeforge: the Pulumi program failed; ${nothing}.\n`);
    return EXIT_USAGE;
  }
  if (e instanceof auto.ConcurrentUpdateError) {
    log(`kubeforge: stack ${stack} is locked by another update. Wait for it, or if none runs, clear the lock with: pulumi cancel --stack ${stack}\n`);
    return EXIT_USAGE;
  }
  // A refusal raised while the update runs (the clusterUid check reads the live cluster first). Pulumi repeats
  // it with prefixes and a stack trace; the message itself is shown once.
  const refusals = new Set(
    (tracker?.generalErrors ?? [])
      .map((m) => m.split('\n').find((l) => REFUSAL.test(l)))
      .filter((l): l is string => l !== undefined)
      .map((l) => l.replace(/^.*?(Unhandled exception: |One or more errors occurred: )/, '').replace(/^KubeforgeError: /, '').trim()),
  );
  if (refusals.size) {
    log([...refusals].map((m) => `error [wrong-cluster] ${m}\n`).join(''));
    log(`kubeforge: ${op} refused for environment ${env}; ${nothing}.\n`);
    return EXIT_FINDINGS;
  }
  const outcome = tracker?.outcome();
  const providerFailures = outcome?.failed.filter((f) => f.startsWith('Provider(')) ?? [];
  if (outcome && providerFailures.length && providerFailures.length === outcome.failed.length && !outcome.applied.length) {
    // The Provider itself could not start: a setup problem (plugin missing, unreadable kubeconfig), not the app's.
    log(`kubeforge: ${op} of environment ${env} could not start the Kubernetes provider; ${nothing}:\n${providerFailures.map((f) => `  ${f}`).join('\n')}\n`);
    if (providerFailures.some((f) => /no resource plugin/.test(f))) {
      log(
        'Fix: install the provider plugin, pulumi plugin install resource kubernetes v4.25.0 (it needs internet), or put a ' +
          'pulumi-resource-kubernetes binary on PATH (offline, in the kubeforge repository: bash scripts/cluster/build-pulumi.sh, then . scripts/cluster/pulumi-env.sh).\n',
      );
    }
    return EXIT_USAGE;
  }
  if (outcome && (outcome.failed.length || outcome.applied.length)) {
    log(formatFailure(op, outcome, env));
    return EXIT_FINDINGS;
  }
  // A setup or engine problem (backend, plugin, CLI): show the CLI's own error lines.
  const text = (e as Error)?.message ?? String(e);
  const errors = text.split('\n').filter((l) => /^\s*error:/.test(l)).map((l) => l.trim());
  log(`kubeforge: ${op} of environment ${env} failed before any object was changed:\n  ${(errors.length ? errors : [text.trim().split('\n').slice(-5).join('\n  ')]).join('\n  ')}\n`);
  if (outcome) log(formatFailure(op, outcome, env));
  return EXIT_USAGE;
}
