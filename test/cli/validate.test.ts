/** Runs the built CLI (`kubeforge validate`) as a user or a CI job would. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'build/lib/cli/main.js');

function run(args: string[], cwd: string, opts: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: opts.input, env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;
const BAD_NAME = GOOD.replace('name: settings', 'name: Bad_Name');
// Complete but for the image, so the lints (requests, limits, root) have nothing to say.
const NO_IMAGE = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: web
      resources:
        requests: { cpu: 100m, memory: 64Mi }
        limits: { memory: 64Mi }
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-validate-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('kubeforge validate: exit codes', () => {
  test('0 for clean files: nothing on stdout, the summary on stderr', () => {
    const dir = project({ 'k8s/a.yaml': GOOD, 'k8s/b.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }) });
    const r = run(['validate', 'k8s'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('2 files, 2 objects: 0 errors, 0 warnings\n');
  });

  test('1 for errors, each printed as file:line with the rule and the fix', () => {
    const dir = project({ 'app.yaml': `${GOOD}---\n${NO_IMAGE}` });
    const r = run(['validate', 'app.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('error [containers] app.yaml:8: container "web" has no valid image (got undefined); the API server requires one\n  fix: set image, e.g. "nginx:1.27"\n');
    expect(r.stderr).toBe('1 files, 2 objects: 1 errors, 0 warnings\n');
  });

  test('2 for a YAML syntax error (file:line:column), with the other documents still checked', () => {
    const dir = project({ 'app.yaml': `${BAD_NAME}---\nkind: [\n` });
    const r = run(['validate', 'app.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('[object-metadata] app.yaml:4:');
    expect(r.stdout).toMatch(/error \[parse\] app\.yaml:9:1: not valid YAML: /);
  });

  test.each([
    [['validate'], /needs at least one file/],
    [['validate', 'a.yaml', '-o', 'xml'], /-o "xml": unknown format; allowed: text, json, sarif, junit/],
    [['validate', 'a.yaml', '--rule', 'containers'], /is not ID=SEVERITY/],
    [['validate', 'a.yaml', '--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"; known rules: .*containers/],
    [['validate', 'a.yaml', '--rule', 'containers=fatal'], /unknown severity "fatal"; allowed: error, warning, off/],
    [['validate', 'a.yaml', '--bogus'], /Unknown option '--bogus'/],
  ])('2 for a usage error %j, with the usage on stderr', (args, message) => {
    const r = run(args, project({ 'a.yaml': GOOD }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: kubeforge validate');
  });

  test('2 for a missing path, which is reported like a finding (the other files are still checked)', () => {
    const dir = project({ 'a.yaml': BAD_NAME });
    const r = run(['validate', 'a.yaml', 'missing.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error [io] missing.yaml:1: no such file or directory (ENOENT)');
    expect(r.stdout).toContain('[object-metadata] a.yaml:4');
  });

  test('--rule ID=off turns an error into exit 0; ID=warning keeps it visible', () => {
    const dir = project({ 'pod.yaml': NO_IMAGE });
    expect(run(['validate', 'pod.yaml', '--rule', 'containers=off'], dir)).toMatchObject({ code: 0, stdout: '' });
    const warned = run(['validate', 'pod.yaml', '--rule', 'containers=warning'], dir);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning [containers] pod.yaml:1:');
  });

  test('--preset strict makes a lint warning an error; --rule still applies over it; an unknown preset is a usage error', () => {
    const latest = NO_IMAGE.replace('    - name: web\n', '    - name: web\n      image: nginx:latest\n');
    const dir = project({ 'pod.yaml': latest });
    expect(run(['validate', 'pod.yaml'], dir)).toMatchObject({ code: 0 });
    const strict = run(['validate', 'pod.yaml', '--preset', 'strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('error [image-latest-tag] pod.yaml:');
    expect(run(['validate', 'pod.yaml', '--preset', 'strict', '--rule', 'image-latest-tag=warning'], dir).code).toBe(0);
    const bad = run(['validate', 'pod.yaml', '--preset', 'lax'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--preset "lax": unknown preset; allowed: recommended, strict');
  });

  test('- reads stdin', () => {
    const r = run(['validate', '-'], os.tmpdir(), { input: NO_IMAGE });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[containers] <stdin>:1:');
  });

  test('--k8s-version picks a bundled version; an unbundled one is a usage error naming the allowed versions', () => {
    // batch/v1beta1 CronJob: served by 1.24, removed in 1.25, so removed in every bundled version.
    const dir = project({ 'a.yaml': GOOD });
    expect(run(['validate', 'a.yaml', '--k8s-version', 'v1.34.4'], dir).code).toBe(0);
    const old = run(['validate', 'a.yaml', '--k8s-version', '1.20'], dir);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/--k8s-version "1.20": Kubernetes 1.20 is not a bundled target version; allowed: 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36, 1.37/);
  });

  test('--k8s-version changes the verdict where the versions differ', () => {
    // networking.k8s.io/v1beta1 ServiceCIDR: off on a stock server (disabled-api); turned on with --runtime-config,
    // served by 1.34 and gone by 1.37 (networking.k8s.io/v1 replaces it).
    const cidr = 'apiVersion: networking.k8s.io/v1beta1\nkind: ServiceCIDR\nmetadata:\n  name: extra\nspec:\n  cidrs: ["10.96.0.0/16"]\n';
    const dir = project({ 'cidr.yaml': cidr });
    expect(run(['validate', 'cidr.yaml', '--k8s-version', '1.34'], dir).stdout).toMatch(/error \[disabled-api\] cidr\.yaml:1: [\s\S]*--runtime-config=networking\.k8s\.io\/v1beta1=true/);
    expect(run(['validate', 'cidr.yaml', '--k8s-version', '1.34', '--rule', 'disabled-api=off'], dir)).toMatchObject({ code: 0, stdout: '' });
    const newest = run(['validate', 'cidr.yaml', '--k8s-version', '1.37', '--rule', 'disabled-api=off'], dir);
    expect(newest.code).toBe(1);
    expect(newest.stdout).toMatch(/error \[removed-api\] cidr\.yaml:1: .*networking\.k8s\.io\/v1/);
  });

  test('the oldest bundled versions work too: v1beta1 ServiceCIDR came with 1.31', () => {
    const cidr = 'apiVersion: networking.k8s.io/v1beta1\nkind: ServiceCIDR\nmetadata:\n  name: extra\nspec:\n  cidrs: ["10.96.0.0/16"]\n';
    const dir = project({ 'cidr.yaml': cidr, 'a.yaml': GOOD });
    // 1.31 has the API, but a stock server leaves the beta group off; a cluster that turns it on turns the rule off.
    const stock = run(['validate', 'cidr.yaml', '--k8s-version', '1.31'], dir);
    expect(stock.code).toBe(1);
    expect(stock.stdout).toMatch(/error \[disabled-api\] cidr\.yaml:1: .*--runtime-config=networking\.k8s\.io\/v1beta1=true/s);
    expect(run(['validate', 'cidr.yaml', '--k8s-version', '1.31', '--rule', 'disabled-api=off'], dir)).toMatchObject({ code: 0, stdout: '' });
    const oldest = run(['validate', 'cidr.yaml', '--k8s-version', '1.30'], dir);
    expect(oldest.code).toBe(1);
    expect(oldest.stdout).toMatch(/error \[unknown-api\] cidr\.yaml:1: networking\.k8s\.io\/v1beta1 ServiceCIDR is served from Kubernetes 1\.31 on, not by 1\.30/);
    expect(run(['validate', 'a.yaml', '--k8s-version', '1.30'], dir).code).toBe(0);
  });

  test('--help names the range of bundled versions', () => {
    expect(run(['validate', '--help'], os.tmpdir()).stdout).toContain('Target Kubernetes version, 1.30 to 1.37 (default: the newest, 1.37)');
  });
});

describe('kubeforge validate: output formats', () => {
  const dir = project({ 'k8s/app.yaml': `${GOOD}---\n${NO_IMAGE}` });

  test('-o json: the summary and the issues, nothing on stderr', () => {
    const r = run(['validate', 'k8s', '-o', 'json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ files: 1, objects: 2, errors: 1, warnings: 0 });
    expect(out.issues).toEqual([
      expect.objectContaining({ ruleId: 'containers', severity: 'error', file: path.join('k8s', 'app.yaml'), line: 8, jsonPointer: '/spec/containers/0/image' }),
    ]);
  });

  test('-o sarif: rule metadata from the engine, a relative URI and a start line', () => {
    const r = run(['validate', 'k8s', '--output', 'sarif'], dir);
    expect(r.code).toBe(1);
    const run0 = JSON.parse(r.stdout).runs[0];
    expect(run0.tool.driver.version).toBe(require(path.join(ROOT, 'package.json')).version);
    expect(run0.tool.driver.rules.map((x: any) => x.id)).toEqual(expect.arrayContaining(['containers', 'object-metadata', 'selector-match', 'duplicate-object', 'parse']));
    expect(run0.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'k8s/app.yaml' }, region: { startLine: 8 } });
  });

  test('-o junit: a testsuite for the file, a failing testcase for the Pod', () => {
    const r = run(['validate', 'k8s', '-o', 'junit'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`<testsuite name="${path.join('k8s', 'app.yaml')}" tests="2" failures="1"`);
    expect(r.stdout).toMatch(/<testcase name="Pod\/web"[^>]*>\n\s*<failure message="container &quot;web&quot; has no valid image/);
  });

  test('text is plain when not on a TTY, with NO_COLOR, and with --no-color', () => {
    for (const [args, env] of [[[], {}], [[], { NO_COLOR: '1' }], [['--no-color'], {}]] as const) {
      const r = run(['validate', 'k8s', ...args], dir, { env: { ...env } });
      expect(r.stdout).toContain('error [containers]');
      expect(r.stdout).not.toContain('\u001b[');
    }
  });

  test('options may come before the command', () => {
    expect(run(['--no-color', 'validate', 'k8s', '-o', 'json'], dir).code).toBe(1);
  });
});

describe('kubeforge validate: the performance target', () => {
  test('the generated 10,000-object manifest is clean (so the benchmark measures the happy path)', () => {
    const { generateManifests } = require(path.join(ROOT, 'build/bench/gen-manifests.js'));
    const text: string = generateManifests(10_000);
    const d = project({ 'big.yaml': text });
    const r = run(['validate', 'big.yaml'], d);
    expect(r.stderr).toBe('1 files, 10000 objects: 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
  });
});
