/**
 * Checks that run before `kubeforge deploy|preview|destroy` loads anything heavy: the pulumi CLI on PATH, the
 * Pulumi Node.js SDKs next to the app, and a backend to keep the state in. Each failure says exactly what to
 * install or set, because "spawn pulumi ENOENT" or "PULUMI_ACCESS_TOKEN must be set" send users searching.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

/** The SDK versions kubeforge's bridge is built and tested with (package.json devDependencies). */
export const PULUMI_SDK_VERSION = '3.259.0';
export const PULUMI_KUBERNETES_SDK_VERSION = '4.25.0';

/** The first executable `name` on PATH, or undefined. */
export function findOnPath(name: string, envPath: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  const exts = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export function missingPulumiCliMessage(command: string): string {
  return [
    `kubeforge ${command}: the Pulumi CLI (\`pulumi\`, v3.259.0 or newer) is not on PATH. kubeforge drives it through the Automation API.`,
    'Install it:',
    '  curl -fsSL https://get.pulumi.com | sh     # then: export PATH="$HOME/.pulumi/bin:$PATH"',
    '  (or: brew install pulumi/tap/pulumi; other ways: https://www.pulumi.com/docs/iac/download-install/)',
    '  Offline, in the kubeforge repository: bash scripts/cluster/build-pulumi.sh && . scripts/cluster/pulumi-env.sh',
    'The Kubernetes provider plugin comes with it on first use (pulumi plugin install resource kubernetes v4.25.0 to fetch it ahead).',
    'No Pulumi account is needed: use a local backend, `pulumi login --local` (state under ~/.pulumi) or',
    '  export PULUMI_BACKEND_URL=file://$HOME/.kubeforge-state   and   export PULUMI_CONFIG_PASSPHRASE=<a passphrase for stack secrets>',
  ].join('\n') + '\n';
}

/** Where a package resolves from `dir`, or undefined when it is not installed there. */
export function resolveFrom(dir: string, request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}

export function missingSdkMessage(command: string, missing: readonly string[], dir: string): string {
  const pins: Record<string, string> = {
    '@pulumi/pulumi': `@pulumi/pulumi@${PULUMI_SDK_VERSION}`,
    '@pulumi/kubernetes': `@pulumi/kubernetes@${PULUMI_KUBERNETES_SDK_VERSION}`,
  };
  return (
    `kubeforge ${command}: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed where the app runs (${dir}). ` +
    'They are optional peer dependencies of kubeforge, needed only to deploy.\n' +
    `Install them: npm install --save-dev ${missing.map((m) => pins[m] ?? m).join(' ')}\n`
  );
}

export interface BackendInfo {
  /** The backend URL if it is known without asking the CLI (env or `pulumi login` credentials). */
  readonly url?: string;
  /** Set when no backend is configured at all. */
  readonly problem?: string;
}

/**
 * Which backend the CLI will use: PULUMI_BACKEND_URL, else the one `pulumi login` stored in
 * $PULUMI_HOME/credentials.json. Without either, the CLI would fall back to Pulumi Cloud and fail in a
 * non-interactive run with a message about access tokens.
 */
export function backendInfo(env: NodeJS.ProcessEnv, home = os.homedir()): BackendInfo {
  if (env.PULUMI_BACKEND_URL) return { url: env.PULUMI_BACKEND_URL };
  const pulumiHome = env.PULUMI_HOME || path.join(home, '.pulumi');
  let current: string | undefined;
  try {
    current = JSON.parse(fs.readFileSync(path.join(pulumiHome, 'credentials.json'), 'utf8')).current;
  } catch {
    current = undefined;
  }
  if (current) return { url: current };
  if (env.PULUMI_ACCESS_TOKEN) return { url: 'https://api.pulumi.com' };
  return {
    problem:
      'no Pulumi backend is selected, so there is nowhere to keep the stack state. Pick one:\n' +
      '  pulumi login --local                                   # state in ~/.pulumi, no account\n' +
      '  export PULUMI_BACKEND_URL=file://$HOME/.kubeforge-state  # state in a directory of your choice (create it first)\n' +
      '  pulumi login                                           # Pulumi Cloud (or an s3://, gs://, azblob:// URL)\n',
  };
}

/** A local (file://) backend keeps secrets encrypted with a passphrase that only the environment can supply here. */
export function passphraseProblem(url: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (!url?.startsWith('file://')) return undefined;
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE) return undefined;
  return (
    `the local backend ${url} encrypts stack secrets (kubeforge passes Secret data as Pulumi secrets) with a passphrase, ` +
    'and none is set. Fix: export PULUMI_CONFIG_PASSPHRASE=<passphrase> (or PULUMI_CONFIG_PASSPHRASE_FILE=<file>); ' +
    'use the same one for every later run of this stack\n'
  );
}

/**
 * The Pulumi project name: a Pulumi.yaml's `name` in the directory (so `kubeforge deploy` and `pulumi up` of the
 * same app share one stack), else package.json's `name`, else the directory name. Project names allow letters,
 * digits, `-`, `_` and `.`; a scoped npm name becomes `scope-name`.
 */
export function projectNameFrom(cwd: string): string {
  let name: unknown;
  for (const file of ['Pulumi.yaml', 'Pulumi.yml']) {
    try {
      name = (parse(fs.readFileSync(path.join(cwd, file), 'utf8')) as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name) break;
    } catch {
      name = undefined;
    }
  }
  if (typeof name !== 'string' || !name) {
    try {
      name = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8')).name;
    } catch {
      name = undefined;
    }
  }
  const raw = typeof name === 'string' && name ? name : path.basename(path.resolve(cwd));
  const clean = raw.replace(/^@/, '').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return clean || 'kubeforge-app';
}
