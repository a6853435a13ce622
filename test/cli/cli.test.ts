/** Runs the built CLI as a user would, in temporary projects. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'build/lib/cli/main.js');
const LIB = path.join(ROOT, 'build/lib');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp project whose app is `body` (JS with `k` = kubeforge, `app`, `chart` in scope). */
function project(body: string, cdk8sYaml = 'app: node app.js\noutput: dist\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-cli-'));
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    `const k = require(${JSON.stringify(LIB)});\nconst app = new k.App();\nconst chart = new k.Chart(app, 'demo');\n${body}\napp.synth();\n`,
  );
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), cdk8sYaml);
  return dir;
}

const GOOD = `new k.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] }).exposeViaService();`;

function seedPreviousOutput(dir: string): void {
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'previous.k8s.yaml'), 'kind: Previous\n');
}

function expectPreviousOutputIntact(dir: string): void {
  expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['previous.k8s.yaml']);
  expect(fs.readdirSync(dir).filter((f) => f.includes('kubeforge-tmp'))).toEqual([]);
}

describe('kubeforge synth', () => {
  test('writes dist/<chart>.k8s.yaml from cdk8s.yaml, logs to stderr only, exit 0', () => {
    const dir = project(GOOD);
    const r = run(['synth'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/synthesized 2 object\(s\) in 1 file\(s\) to dist/);
    const docs = parseAllDocuments(fs.readFileSync(path.join(dir, 'dist/demo.k8s.yaml'), 'utf8')).map((d: any) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'Deployment']);
  });

  test('--stdout prints the manifests and leaves dist alone', () => {
    const dir = project(GOOD);
    seedPreviousOutput(dir);
    const r = run(['synth', '--stdout'], dir);
    expect(r.code).toBe(0);
    expect(parseAllDocuments(r.stdout).map((d: any) => d.toJS().kind)).toEqual(['Service', 'Deployment']);
    expectPreviousOutputIntact(dir);
  });

  test('-o DIR and -a COMMAND override cdk8s.yaml', () => {
    const dir = project(GOOD, 'app: node missing.js\n');
    const r = run(['synth', '-a', 'node app.js', '-o', 'out/manifests'], dir);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out/manifests'))).toEqual(['demo.k8s.yaml']);
  });

  test('a finding exits 1, names the construct path and the fix, and keeps the previous output', () => {
    const dir = project(`
      const d = new k.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', resources: {} }] });
      d.autoscale({ maxReplicas: 5, cpuUtilization: 50 });`);
    seedPreviousOutput(dir);
    const r = run(['synth'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('demo/web/autoscaler');
    expect(r.stderr).toContain('no resources.requests.cpu');
    expect(r.stderr).toContain('Fix:');
    expect(r.stderr).toContain('was left unchanged');
    expectPreviousOutputIntact(dir);
  });

  test('a construction error (bad quantity) exits 1 with the path and the fix', () => {
    const dir = project(`new k.PersistentVolumeClaim(chart, 'data', { storage: '10GB' });`);
    const r = run(['synth'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/demo\/data: storage is not a valid Kubernetes quantity \(got "10GB"\).*10Gi/);
  });

  test('duplicate construct ids exit 1 naming the path', () => {
    const dir = project(`new k.ConfigMap(chart, 'cfg'); new k.ConfigMap(chart, 'cfg');`);
    const r = run(['synth'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('demo/cfg');
    expect(r.stderr).toContain('already has the id "cfg"');
  });

  test('an app crash exits 2 and keeps the previous output', () => {
    const dir = project(`undefinedFunction();`);
    seedPreviousOutput(dir);
    const r = run(['synth'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('undefinedFunction is not defined');
    expectPreviousOutputIntact(dir);
  });

  test('-o . refuses to replace a directory holding other files (exit 2) and touches nothing', () => {
    const dir = project(GOOD);
    const before = fs.readdirSync(dir).sort();
    const r = run(['synth', '-o', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to replace the output directory');
    expect(r.stderr).toContain('app.js');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  test('the output directory gets normal permissions (umask), not 0700', () => {
    const dir = project(GOOD);
    expect(run(['synth'], dir).code).toBe(0);
    const mode = fs.statSync(path.join(dir, 'dist')).mode & 0o777;
    expect(mode).toBe(0o777 & ~process.umask());
  });

  test('an app that writes nothing exits 2', () => {
    const dir = project('');
    fs.writeFileSync(path.join(dir, 'app.js'), '// forgot app.synth()\n');
    const r = run(['synth'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wrote no manifests');
  });

  test('--no-validate lets an escape-hatch mismatch through (exit 0); without it, exit 1', () => {
    const body = `const d = new k.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
      k.ApiObject.of(d).addJsonPatch(k.JsonPatch.replace('/spec/template/metadata/labels/kubeforge.io~1workload', 'x'));`;
    const dir = project(body);
    const bad = run(['synth'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[selector-match]');
    expect(bad.stderr).toContain('demo/web');
    expect(run(['synth', '--no-validate'], dir).code).toBe(0);
  });

  test.each([
    [['synth', '--bogus'], /Unknown option '--bogus'/],
    [['apply'], /unknown command "apply"/],
    [[], /Usage: kubeforge/],
    [['synth', 'extra'], /no positional arguments/],
  ])('usage error %j exits 2', (args, msg) => {
    const r = run(args, os.tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  test('a missing or invalid cdk8s.yaml exits 2 and says what is needed', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-cli-'));
    const r1 = run(['synth'], empty);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('cdk8s.yaml: cannot read it (ENOENT)');
    fs.writeFileSync(path.join(empty, 'cdk8s.yaml'), 'output: dist\n');
    const r2 = run(['synth'], empty);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("must have required property 'app'");
    fs.writeFileSync(path.join(empty, 'cdk8s.yaml'), 'app: [unclosed\n');
    expect(run(['synth'], empty).stderr).toMatch(/cdk8s\.yaml:\d+:\d+: not valid YAML/);
  });

  test('--help exits 0 on stdout; --version prints the package version', () => {
    const h = run(['--help'], os.tmpdir());
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: kubeforge <command>');
    const v = run(['--version'], os.tmpdir());
    expect(v.stdout.trim()).toBe(require(path.join(ROOT, 'package.json')).version);
  });
});

describe('the bundled example', () => {
  test('kubeforge synth and the cdk8s CLI write identical files from the same cdk8s.yaml', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-both-'));
    const kf = run(['synth', '-o', path.join(out, 'kubeforge')], ROOT);
    expect(kf.code).toBe(0);
    const c = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '-o', path.join(out, 'cdk8s')], { cwd: ROOT, encoding: 'utf8' });
    expect(c.status).toBe(0);
    const files = fs.readdirSync(path.join(out, 'kubeforge')).sort();
    expect(files).toEqual(['config-env.k8s.yaml', 'databases.k8s.yaml', 'nginx-pod.k8s.yaml', 'platform.k8s.yaml', 'rollout.k8s.yaml', 'webapp.k8s.yaml']);
    expect(fs.readdirSync(path.join(out, 'cdk8s')).sort()).toEqual(files);
    for (const f of files) {
      expect(fs.readFileSync(path.join(out, 'cdk8s', f), 'utf8')).toBe(fs.readFileSync(path.join(out, 'kubeforge', f), 'utf8'));
    }
  });
});
