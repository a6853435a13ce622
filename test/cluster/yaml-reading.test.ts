/**
 * kubeforge reads YAML as kubectl does: each tricky file goes through `kubeforge validate` and through
 * `kubectl apply --server-side --dry-run=server --validate=strict`; both must give the verdict the case names.
 * The files are written here as bytes (UTF-16, byte order marks, CRLF, JSON streams), plus the agreement cases in
 * test/fixtures/agreement/yaml/ (headers `# server: accept|reject`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../lib/rules';
import { kubectl, tempDir } from './kube';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'agreement', 'yaml');
const SERVER_CHECKED = new Set(ALL_RULES.filter((r) => r.category !== 'lint').map((r) => r.id).concat(['parse', 'not-an-object']));

function kubeforgeRejects(file: string): { rejected: boolean; detail: string } {
  const r = spawnSync(process.execPath, [CLI, 'validate', '-o', 'json', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`kubeforge validate crashed on ${file}: ${r.stderr}`);
  const issues: Array<{ ruleId: string; severity: string; message: string; line?: number; column?: number }> = JSON.parse(r.stdout).issues;
  const blocking = issues.filter((i) => i.severity === 'error' && SERVER_CHECKED.has(i.ruleId));
  // A file kubectl cannot read is exit code 2, with file:line:column.
  if (blocking.some((i) => i.ruleId === 'parse')) {
    expect(r.status).toBe(2);
    expect(blocking.find((i) => i.ruleId === 'parse')!.line).toBeGreaterThan(0);
  }
  return { rejected: blocking.length > 0, detail: blocking.map((i) => `[${i.ruleId}] ${i.line}:${i.column ?? ''} ${i.message}`).join('\n') };
}

function serverRejects(file: string): { rejected: boolean; detail: string } {
  const r = kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager=kubeforge-test', '-f', file]);
  return { rejected: r.code !== 0, detail: r.stderr.trim() };
}

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

/** [file name, bytes, verdict] */
const CASES: Array<[string, Buffer, 'accept' | 'reject']> = [
  ['bom-utf8.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cm('yr-bom8'))]), 'accept'],
  ['utf16le-bom.yaml', utf16le(cm('yr-utf16le', 'data:\n  k: "\u00e9"\n')), 'accept'],
  ['utf16be-bom.yaml', utf16be(cm('yr-utf16be')), 'accept'],
  ['utf16le-bom-invalid.yaml', utf16le(cm('Yr_Bad')), 'reject'],
  ['utf16le-no-bom.yaml', Buffer.from(cm('yr-utf16-nobom'), 'utf16le'), 'reject'],
  ['latin1.yaml', Buffer.from(cm('yr-latin1', 'data:\n  k: caf\xe9\n'), 'latin1'), 'accept'],
  ['crlf.yaml', Buffer.from(cm('yr-crlf', 'data:\n  k: |\n    a\n    b\n').replace(/\n/g, '\r\n') + '---\r\n' + cm('yr-crlf2').replace(/\n/g, '\r\n')), 'accept'],
  ['json-stream.json', Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"yr-j1"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"yr-j2"}}'), 'accept'],
  ['json-stream-invalid.json', Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"yr-j1"}}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Yr_J2"}}'), 'reject'],
  ['json-trailing-comma.json', Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"yr-comma"},}\n'), 'accept'],
  ['json-then-yaml.yaml', Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"yr-jy"}}\n---\n' + cm('yr-jy2')), 'accept'],
  ['json-dup.json', Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Yr_Bad","name":"yr-json-dup"}}'), 'accept'],
  ['yaml-in-json-file.json', Buffer.from(cm('yr-yaml-json')), 'accept'],
  ['list-document.yaml', Buffer.from('- ' + cm('yr-list').replace(/\n(?=.)/g, '\n  ')), 'reject'],
  ['list-kind.yaml', Buffer.from('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: yr-l1\n'), 'accept'],
  ['empty-documents.yaml', Buffer.from('---\n---\n# c\n---\n~\n---\nnull\n---\n' + cm('yr-empty') + '---\n'), 'accept'],
  ['block-scalar-separator.yaml', Buffer.from(cm('yr-block', 'data:\n  k: |\n    a\n    ---\n    b\n')), 'accept'],
  ['top-level-block.yaml', Buffer.from('--- |\n  text\n---\n' + cm('yr-top-block')), 'reject'],
  ['dashes4.yaml', Buffer.from(cm('yr-d4a') + '----\n' + cm('yr-d4b')), 'reject'],
  ['float-replicas.yaml', Buffer.from('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: yr-float\nspec:\n  replicas: 1e0\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n'), 'accept'],
  ['fraction-replicas.yaml', Buffer.from('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: yr-frac\nspec:\n  replicas: 1.5\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n'), 'reject'],
  ['timestamp-in-data.yaml', Buffer.from(cm('yr-date', 'data:\n  d: 2001-12-14\n')), 'accept'],
  ['int-key-in-data.yaml', Buffer.from(cm('yr-int-key', 'data:\n  1: "a"\n  0x10: "b"\n')), 'accept'],
  ['bool-key-in-labels.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yr-bool-key\n  labels:\n    yes: "x"\n'), 'accept'],
  ['set-data.yaml', Buffer.from(cm('yr-set', 'data: !!set\n  ? a\n')), 'accept'],
  ['omap-data.yaml', Buffer.from(cm('yr-omap', 'data: !!omap\n  - a: x\n')), 'reject'],
  ['alias-undefined.yaml', Buffer.from(cm('yr-alias', 'data:\n  a: *nope\n')), 'reject'],
  ['anchors.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n yr-anchor\n  labels: {app: *n}\ndata:\n  x: &x hi\n  z: *x\n'), 'accept'],
  ['nan-value.yaml', Buffer.from(cm('yr-nan', 'data:\n  a: .nan\n')), 'reject'],
];

describe('kubeforge validate reads YAML as kubectl does (the local 1.37 cluster decides)', () => {
  const dir = tempDir('kubeforge-yaml-reading-');

  test.each(CASES)('%s: %s', (name, bytes, verdict) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const server = serverRejects(file);
    const ours = kubeforgeRejects(file);
    expect({ server: server.rejected ? 'reject' : 'accept', detail: server.detail }).toMatchObject({ server: verdict });
    expect({ kubeforge: ours.rejected ? 'reject' : 'accept', detail: ours.detail }).toMatchObject({ kubeforge: verdict });
  });

  const fixtures = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort() : [];
  test.each(fixtures)('agreement case %s', (name) => {
    const file = path.join(FIXTURES, name);
    const verdict = /^# server: (accept|reject)$/m.exec(fs.readFileSync(file, 'utf8'))![1];
    const server = serverRejects(file);
    const ours = kubeforgeRejects(file);
    expect({ server: server.rejected ? 'reject' : 'accept', detail: server.detail }).toMatchObject({ server: verdict });
    expect({ kubeforge: ours.rejected ? 'reject' : 'accept', detail: ours.detail }).toMatchObject({ kubeforge: verdict });
  });
});
