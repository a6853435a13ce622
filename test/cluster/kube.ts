/**
 * Helpers for the cluster suite: kubectl against the cluster that scripts/cluster/test.sh (or the user) names.
 * The suite never guesses a cluster: without KUBEFORGE_TEST_KUBECONFIG it fails, loudly, instead of skipping.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function requiredEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

export function kubeconfig(): string {
  const file = requiredEnv(
    'KUBEFORGE_TEST_KUBECONFIG',
    'run the cluster suite with `npm run test:cluster` (local control plane) or `npm run test:cluster:external` (your KUBECONFIG)',
  );
  if (!fs.existsSync(file)) throw new Error(`KUBEFORGE_TEST_KUBECONFIG=${file} does not exist`);
  return file;
}

export function kubectlBinary(): string {
  return process.env.KUBEFORGE_KUBECTL ?? 'kubectl';
}

/** Runs kubectl; never throws on a non-zero exit (callers assert on `code`). */
export function kubectl(args: readonly string[], input?: string): KubectlResult {
  const r = spawnSync(kubectlBinary(), ['--kubeconfig', kubeconfig(), ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`cannot run ${kubectlBinary()}: ${r.error.message}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs kubectl and throws with its stderr when it fails. */
export function kubectlOk(args: readonly string[], input?: string): string {
  const r = kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${r.code}):\n${r.stderr}`);
  return r.stdout;
}

/**
 * What a failed wait needs to be understood later (CI keeps only the log): the namespace's pods with their nodes
 * and conditions, and its recent events.
 */
export function namespaceState(namespace: string): string {
  const pods = kubectl(['get', 'pods', '-n', namespace, '-o', 'wide']);
  const conditions = kubectl(['get', 'pods', '-n', namespace, '-o',
    'jsonpath={range .items[*]}{.metadata.name}{" "}{.status.phase}{" "}{range .status.conditions[*]}{.type}={.status}{" "}{end}{"\\n"}{end}']);
  const events = kubectl(['get', 'events', '-n', namespace, '--sort-by=.lastTimestamp']);
  return `pods in ${namespace}:\n${pods.stdout}${pods.stderr}\nconditions:\n${conditions.stdout}\nevents:\n${events.stdout.split('\n').slice(-25).join('\n')}`;
}

/** kubectlOk for a wait: on failure the error also carries the namespace's state. */
export function waitOk(args: readonly string[], namespace: string): string {
  const r = kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${r.code}):\n${r.stderr}\n${namespaceState(namespace)}`);
  return r.stdout;
}

/** The API server's warnings (`Warning: ...` lines kubectl prints to stderr). */
export function warningsOf(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('Warning:'));
}

export type K8sObject = Record<string, any>;

export function parseManifests(yamlText: string): K8sObject[] {
  return parseAllDocuments(yamlText)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** `kind/name` plus `-n ns` for kubectl, for objects that live in a namespace. */
export function ref(obj: K8sObject): string[] {
  const ns = namespaceOf(obj);
  const id = `${obj.kind.toLowerCase()}.${groupOf(obj.apiVersion)}/${obj.metadata.name}`.replace('./', '/');
  return ns ? [id, '-n', ns] : [id];
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'Node']);

export function namespaceOf(obj: K8sObject): string | undefined {
  if (CLUSTER_SCOPED.has(obj.kind)) return undefined;
  return obj.metadata?.namespace ?? 'default';
}

/**
 * Leaf-by-leaf differences between what kubeforge set (`expected`) and what the server stored (`actual`).
 * The server adds defaults and status, so only kubeforge's own fields are compared. Secret `stringData`
 * is write-only: the server stores it base64-encoded under `data`.
 */
export function missingFields(expected: unknown, actual: unknown, pointer = ''): string[] {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) {
      return [`${pointer || '/'}: expected ${JSON.stringify(expected)}, server has ${JSON.stringify(actual)}`];
    }
    if (Array.isArray(expected)) {
      const out: string[] = [];
      if ((actual as unknown[]).length !== expected.length) {
        out.push(`${pointer}: expected ${expected.length} items, server has ${(actual as unknown[]).length}`);
      }
      expected.forEach((e, i) => out.push(...missingFields(e, (actual as unknown[])[i], `${pointer}/${i}`)));
      return out;
    }
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) =>
      missingFields(v, (actual as Record<string, unknown>)[k], `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  }
  return expected === actual ? [] : [`${pointer}: expected ${JSON.stringify(expected)}, server has ${JSON.stringify(actual)}`];
}

/** The object as the server should hold it, with write-only Secret `stringData` folded into `data`. */
export function asStored(obj: K8sObject): K8sObject {
  if (obj.kind !== 'Secret' || !obj.stringData) return obj;
  const data: Record<string, string> = { ...(obj.data ?? {}) };
  for (const [k, v] of Object.entries(obj.stringData as Record<string, string>)) {
    data[k] = Buffer.from(v, 'utf8').toString('base64');
  }
  const { stringData: _ignored, ...rest } = obj;
  return { ...rest, data };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns undefined (done) or the deadline passes; then throws its last message. */
export async function eventually(what: string, timeoutMs: number, check: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = check();
  while (last !== undefined) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}: ${last}`);
    await sleep(500);
    last = check();
  }
}
