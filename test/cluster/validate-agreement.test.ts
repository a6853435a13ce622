/**
 * `kubeforge validate` and the API server agree, file by file: what kubeforge accepts, the API server accepts,
 * and what the API server rejects, kubeforge rejects. Both see the same files: the hand-written corpus
 * (test/fixtures/corpus, valid and invalid) and the synthesized example app.
 *
 * "kubeforge rejects" means an error from a check the API server also makes (schema, served APIs, API-server
 * rules, unparseable input). Lint errors (an HPA on a container without requests, ...) are beyond what the API
 * server checks, so they do not count here; the corpus test in test/validate checks them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildExampleApp } from '../../examples/main';
import { ensureNamespaces, SERVER_CHECKED } from './agreement';
import { kubectl, tempDir } from './kube';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

interface Verdict {
  readonly rejected: boolean;
  readonly detail: string;
}

function kubeforgeVerdict(file: string): Verdict {
  const r = spawnSync(process.execPath, [CLI, 'validate', '-o', 'json', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`kubeforge validate crashed on ${file}: ${r.stderr}`);
  const issues: Array<{ ruleId: string; severity: string; message: string; line?: number }> = JSON.parse(r.stdout).issues;
  const blocking = issues.filter((i) => i.severity === 'error' && SERVER_CHECKED.has(i.ruleId));
  return { rejected: blocking.length > 0, detail: blocking.map((i) => `[${i.ruleId}] line ${i.line}: ${i.message}`).join('\n') };
}

function serverVerdict(file: string): Verdict {
  ensureNamespaces(file);
  const r = kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager=kubeforge-test', '-f', file]);
  return { rejected: r.code !== 0, detail: r.stderr.trim() };
}

/** The rule ids a corpus file's `# expect: a, b` header names (none for valid files and examples). */
function expectedIds(file: string): string[] {
  const m = /^# expect: (.*)$/m.exec(fs.readFileSync(file, 'utf8'));
  return m ? m[1].split(',').map((s) => s.trim()) : [];
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join(dir, f));
}

const exampleDir = tempDir('kubeforge-agreement-');
buildExampleApp({ outdir: exampleDir }).synth();

const cases: Array<[string, string]> = [
  ...yamlFiles(path.join(CORPUS, 'invalid')).map((f) => [`corpus/invalid/${path.basename(f)}`, f] as [string, string]),
  ...yamlFiles(path.join(CORPUS, 'valid')).map((f) => [`corpus/valid/${path.basename(f)}`, f] as [string, string]),
  ...yamlFiles(exampleDir).map((f) => [`example ${path.basename(f)}`, f] as [string, string]),
];

test('the corpus has both accepted and rejected files', () => {
  expect(yamlFiles(path.join(CORPUS, 'invalid')).length).toBeGreaterThanOrEqual(10);
  expect(yamlFiles(path.join(CORPUS, 'valid')).length).toBeGreaterThanOrEqual(5);
});

describe.each(cases)('%s', (_title, file) => {
  test('kubeforge validate and the API server give the same verdict', () => {
    const kf = kubeforgeVerdict(file);
    const server = serverVerdict(file);
    // Both verdicts with their reasons, so a disagreement shows what each side said.
    expect({ kubeforge: kf.rejected, server: server.rejected, kubeforgeSaid: kf.detail, serverSaid: server.detail }).toEqual({
      kubeforge: server.rejected,
      server: server.rejected,
      kubeforgeSaid: kf.detail,
      serverSaid: server.detail,
    });
    // A valid file must be accepted. An invalid one must be rejected, unless all it breaks are lints (which the
    // API server does not check: two objects with one name are applied one over the other).
    expect(server.rejected).toBe(expectedIds(file).some((id) => SERVER_CHECKED.has(id)));
  });
});
