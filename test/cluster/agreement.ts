/**
 * The agreement harness: the same files through `kubeforge validate` and through the API server
 * (`kubectl apply --server-side --dry-run=server --validate=strict`), verdict by verdict.
 *
 * Cases live in test/fixtures/agreement/<area>/*.yaml, one case per file, with a header:
 *
 *   # server: reject                 (or accept: what the API server says; the suite checks this too)
 *   # from: pkg/apis/networking/validation/validation_test.go TestValidateIngress: ...
 *   # k8s-version: 1.37              (optional: the target kubeforge is given)
 *
 * "kubeforge rejects" means an error from a check the API server also makes (schema, served APIs, API-server
 * rules, unreadable input); lint findings are beyond what the server checks and do not count.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../lib/rules';
import { kubeconfig, kubectl, kubectlBinary, parseManifests } from './kube';

export type Verdict = 'accept' | 'reject';

export interface AgreementCase {
  /** `<area>/<file>`, relative to the cases directory. */
  readonly id: string;
  readonly file: string;
  /** What the API server says, per the header. */
  readonly server: Verdict;
  readonly from: string;
  readonly k8sVersion?: string;
}

export interface Judged {
  readonly verdict: Verdict;
  readonly detail: string;
}

export interface CaseResult {
  readonly case: AgreementCase;
  readonly kubeforge: Judged;
  readonly server: Judged;
}

/** The rule ids whose errors mean "the API server would reject this too". */
export const SERVER_CHECKED: ReadonlySet<string> = new Set(
  ALL_RULES.filter((r) => r.category !== 'lint').map((r) => r.id).concat(['parse', 'not-an-object']),
);

const HEADER = /^#\s*(server|from|k8s-version):\s*(.*?)\s*$/;

/** Reads one case's header; throws naming the file when it is incomplete. */
export function readCase(file: string, root: string): AgreementCase {
  const head: Record<string, string> = {};
  // The header is the file's leading comment block (UTF-16 files are read only for their header's ASCII bytes).
  const text = fs.readFileSync(file).toString('latin1').replace(/\u0000/g, '');
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) {
      if (line.trim() === '' || line.charCodeAt(0) > 0x7f) continue;
      break;
    }
    const m = HEADER.exec(line);
    if (m) head[m[1]] = m[2];
  }
  const id = path.relative(root, file).split(path.sep).join('/');
  if (head.server !== 'accept' && head.server !== 'reject') throw new Error(`${id}: the header needs "# server: accept" or "# server: reject"`);
  if (!head.from) throw new Error(`${id}: the header needs "# from: <the server test or function the case is derived from>"`);
  return { id, file, server: head.server, from: head.from, k8sVersion: head['k8s-version'] || undefined };
}

/** Every case file under `root` (recursively), sorted by id. */
export function loadCases(root: string): AgreementCase[] {
  const out: AgreementCase[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push(readCase(p, root));
    }
  };
  walk(root);
  return out;
}

interface JsonIssue {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

/** kubeforge's verdicts: one `kubeforge validate -o json` process per target version, over all its files. */
export function kubeforgeVerdicts(cases: readonly AgreementCase[], cli: string): Map<string, Judged> {
  const byVersion = new Map<string, AgreementCase[]>();
  for (const c of cases) {
    const key = c.k8sVersion ?? '';
    byVersion.set(key, [...(byVersion.get(key) ?? []), c]);
  }
  const out = new Map<string, Judged>();
  for (const [version, group] of byVersion) {
    const args = [cli, 'validate', '-o', 'json', ...(version ? ['--k8s-version', version] : []), ...group.map((c) => c.file)];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`kubeforge validate crashed (exit ${r.status}): ${r.stderr}`);
    let issues: JsonIssue[];
    try {
      issues = JSON.parse(r.stdout).issues;
    } catch {
      throw new Error(`kubeforge validate printed no JSON report (exit ${r.status}): ${r.stderr}`);
    }
    const blocking = new Map<string, string[]>();
    for (const i of issues) {
      if (i.severity !== 'error' || !SERVER_CHECKED.has(i.ruleId) || !i.file) continue;
      const f = path.resolve(i.file);
      blocking.set(f, [...(blocking.get(f) ?? []), `[${i.ruleId}] line ${i.line}: ${i.message}`]);
    }
    for (const c of group) {
      const found = blocking.get(path.resolve(c.file)) ?? [];
      out.set(c.id, { verdict: found.length > 0 ? 'reject' : 'accept', detail: found.join('\n') });
    }
  }
  return out;
}

/**
 * A dry run creates nothing, so objects in a Namespace that the same file creates would be refused with "namespace
 * not found". That is a property of the dry run, not of the manifests: the namespaces they name are made first.
 */
export function ensureNamespaces(file: string): void {
  let objects: Record<string, any>[];
  try {
    objects = parseManifests(fs.readFileSync(file, 'utf8'));
  } catch {
    return; // unreadable files are the verdict's business
  }
  const names = new Set(objects.map((o) => o?.metadata?.namespace).filter((n): n is string => typeof n === 'string'));
  for (const ns of names) {
    if (kubectl(['get', 'namespace', ns]).code !== 0) kubectl(['create', 'namespace', ns]);
  }
}

const DRY_RUN = ['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager=kubeforge-test'];

/** The API server's verdict on one file, synchronously. */
export function serverVerdict(file: string): Judged {
  ensureNamespaces(file);
  const r = kubectl([...DRY_RUN, '-f', file]);
  return { verdict: r.code === 0 ? 'accept' : 'reject', detail: r.stderr.trim() };
}

/** The API server's verdicts on many files, a few kubectl processes at a time. */
export async function serverVerdicts(cases: readonly AgreementCase[], parallel = 4): Promise<Map<string, Judged>> {
  for (const c of cases) ensureNamespaces(c.file);
  const config = kubeconfig();
  const out = new Map<string, Judged>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      out.set(c.id, await new Promise<Judged>((resolve, reject) => {
        const p = spawn(kubectlBinary(), ['--kubeconfig', config, ...DRY_RUN, '-f', c.file], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += d));
        p.stdout.resume();
        p.on('error', (e) => reject(new Error(`cannot run ${kubectlBinary()}: ${e.message}`)));
        p.on('close', (code) => resolve({ verdict: code === 0 ? 'accept' : 'reject', detail: stderr.trim() }));
      }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return out;
}

export interface Matrix {
  readonly total: number;
  readonly bothAccept: number;
  readonly bothReject: number;
  /** kubeforge rejects what the server accepts: false positives. */
  readonly kubeforgeOnly: number;
  /** The server rejects what kubeforge accepts: misses. */
  readonly serverOnly: number;
  readonly agreement: number;
}

export function confusionMatrix(results: readonly CaseResult[]): Matrix {
  const count = (k: Verdict, s: Verdict) => results.filter((r) => r.kubeforge.verdict === k && r.server.verdict === s).length;
  const bothAccept = count('accept', 'accept');
  const bothReject = count('reject', 'reject');
  const total = results.length;
  return {
    total, bothAccept, bothReject,
    kubeforgeOnly: count('reject', 'accept'),
    serverOnly: count('accept', 'reject'),
    agreement: total === 0 ? 0 : (bothAccept + bothReject) / total,
  };
}

export function formatMatrix(m: Matrix): string {
  return [
    `agreement ${(m.agreement * 100).toFixed(1)}% over ${m.total} cases`,
    `  both accept       ${m.bothAccept}`,
    `  both reject       ${m.bothReject}`,
    `  kubeforge only    ${m.kubeforgeOnly}   (false positives)`,
    `  server only       ${m.serverOnly}   (misses)`,
  ].join('\n');
}
