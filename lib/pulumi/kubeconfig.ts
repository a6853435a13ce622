/**
 * The wrong-cluster guard, kubeconfig side: find the context an environment names (or the current-context) and
 * check that its cluster's server is the one the environment expects. Runs before anything is registered.
 * No Pulumi here, so the CLI can run the same check before starting an update.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { Environment, normalizeServer } from '../app/environment';
import { KubeforgeError } from '../util/errors';

export interface ResolvedCluster {
  /** The kubeconfig file that defines the context (passed to the Provider as a path: no credentials in state). */
  readonly kubeconfig: string;
  readonly context: string;
  /** The server the context points at, normalized. */
  readonly server: string;
}

type Named = { name?: string; [k: string]: any };

/** The kubeconfig files in kubectl's order: the environment's, else $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigFiles(env: Environment): string[] {
  if (env.props.cluster.kubeconfig) return [path.resolve(env.props.cluster.kubeconfig)];
  const fromEnv = (process.env.KUBECONFIG ?? '').split(path.delimiter).filter((p) => p !== '');
  if (fromEnv.length) return fromEnv.map((p) => path.resolve(p));
  return [path.join(os.homedir(), '.kube', 'config')];
}

function guardError(env: Environment, problem: string, fix: string, value?: unknown): KubeforgeError {
  return new KubeforgeError({
    path: `Environment "${env.name}"`,
    problem,
    ...(value !== undefined ? { value } : {}),
    fix,
    ruleId: 'wrong-cluster',
  });
}

/** Resolves and checks the environment's cluster. Throws a KubeforgeError naming both servers on a mismatch. */
export function resolveCluster(env: Environment): ResolvedCluster {
  const files = kubeconfigFiles(env);
  let current: string | undefined;
  const contexts = new Map<string, { file: string; cluster?: string }>();
  const clusters = new Map<string, string | undefined>();
  let readAny = false;
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    let doc: any;
    try {
      doc = jsyaml.load(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw guardError(env, `the kubeconfig ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 'repair or regenerate the file');
    }
    readAny = true;
    if (!doc || typeof doc !== 'object') continue;
    // kubectl's merge rule: the first file that sets a value wins.
    if (current === undefined && typeof doc['current-context'] === 'string' && doc['current-context'] !== '') current = doc['current-context'];
    for (const c of (Array.isArray(doc.contexts) ? doc.contexts : []) as Named[]) {
      if (c?.name && !contexts.has(c.name)) contexts.set(c.name, { file, cluster: c.context?.cluster });
    }
    for (const c of (Array.isArray(doc.clusters) ? doc.clusters : []) as Named[]) {
      if (c?.name && !clusters.has(c.name)) clusters.set(c.name, c.cluster?.server);
    }
  }
  if (!readAny) {
    throw guardError(env, `no kubeconfig found (looked at ${files.join(', ')})`, 'set cluster.kubeconfig on the environment, or $KUBECONFIG, to the file for this cluster');
  }
  const name = env.props.cluster.context ?? current;
  if (!name) throw guardError(env, 'the kubeconfig has no current-context and the environment names no context', 'set cluster.context on the environment');
  const ctx = contexts.get(name);
  if (!ctx) {
    throw guardError(env, `the kubeconfig has no context "${name}" (contexts: ${[...contexts.keys()].join(', ') || 'none'})`, 'set cluster.context to one of them, or add the context with kubectl config set-context', name);
  }
  const raw = ctx.cluster !== undefined ? clusters.get(ctx.cluster) : undefined;
  if (!raw) throw guardError(env, `context "${name}" names cluster "${ctx.cluster ?? ''}", which has no server in the kubeconfig`, 'fix the kubeconfig (kubectl config set-cluster NAME --server=URL)');
  const expected = normalizeServer(env.props.cluster.server);
  let actual: string;
  try {
    actual = normalizeServer(raw);
  } catch {
    actual = raw;
  }
  if (actual !== expected) {
    throw guardError(
      env,
      `refusing to deploy: environment "${env.name}" expects the cluster at ${expected}, but kubeconfig context "${name}" (${ctx.file}) points at ${actual}`,
      `select the right context (cluster.context, or kubectl config use-context), or correct cluster.server if the cluster really moved`,
    );
  }
  return { kubeconfig: ctx.file, context: name, server: actual };
}
