/**
 * examples/pulumi against a real API server, with the locally built pulumi CLI, Node.js language host and
 * Kubernetes provider (scripts/cluster/test.sh puts them on PATH): `pulumi up` → every object present and every
 * Deployment Available → a second `up` changes nothing, and neither does `kubeforge deploy` of the same app
 * (same stack) → `kubeforge destroy` → every object gone. Then the wrong-cluster refusals, with a real kubeconfig.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PulumiExampleApp } from '../../examples/pulumi/app';
import { K8sObject, kubeconfig, kubectl, kubectlOk, parseManifests, ref, tempDir } from './kube';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'build/lib/cli/main.js');
const EXAMPLE = path.join(ROOT, 'examples/pulumi');
const PROGRAM = path.join(ROOT, 'build/examples/pulumi/index.js');
const STEP_TIMEOUT = 10 * 60_000;

function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

// Loud, not skipped: without the binaries this suite cannot say anything.
for (const bin of ['pulumi', 'pulumi-language-nodejs', 'pulumi-resource-kubernetes']) {
  if (!which(bin)) {
    throw new Error(`${bin} is not on PATH: run the cluster suite with scripts/cluster/test.sh (it builds and adds the Pulumi binaries)`);
  }
}

/** The API server of the test cluster, read from its kubeconfig (what the `dev` environment must match). */
const server = kubectlOk(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}']).trim();
// The example's `dev` environment reads the local control plane's URL from $KUBEFORGE_CLUSTER_DIR/server.
const clusterDir = tempDir('kubeforge-pulumi-cluster-');
fs.writeFileSync(path.join(clusterDir, 'server'), server + '\n');
const state = tempDir('kubeforge-pulumi-state-');
fs.mkdirSync(path.join(state, 'backend'));
fs.mkdirSync(path.join(state, 'home'));

const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  KUBECONFIG: kubeconfig(),
  KUBEFORGE_CLUSTER_DIR: clusterDir,
  PULUMI_BACKEND_URL: `file://${path.join(state, 'backend')}`,
  PULUMI_HOME: path.join(state, 'home'),
  PULUMI_CONFIG_PASSPHRASE: 'kubeforge-cluster-test',
  PULUMI_SKIP_UPDATE_CHECK: 'true',
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
  NO_COLOR: '1',
};
delete ENV.KUBEFORGE_ENV;

/**
 * The example project, in a directory of its own under build/ (so `pulumi stack init` writes its encryption salt
 * there, not into the committed Pulumi.dev.yaml). Under the repository, so @pulumi/* resolve to its node_modules.
 */
const project = fs.mkdtempSync(path.join(ROOT, 'build', 'pulumi-example-'));
fs.writeFileSync(
  path.join(project, 'Pulumi.yaml'),
  fs.readFileSync(path.join(EXAMPLE, 'Pulumi.yaml'), 'utf8').replace(/^main: .*$/m, `main: ${path.relative(project, PROGRAM)}`),
);
fs.copyFileSync(path.join(EXAMPLE, 'Pulumi.dev.yaml'), path.join(project, 'Pulumi.dev.yaml'));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

function runIn(cwd: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = ENV): Run {
  const t0 = Date.now();
  const r = spawnSync(cmd, [...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: STEP_TIMEOUT });
  const out = { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: (Date.now() - t0) / 1000 };
  process.stderr.write(`[pulumi test] ${cmd === process.execPath ? 'kubeforge' : cmd} ${args.join(' ')}: exit ${out.code} in ${out.seconds.toFixed(1)} s\n`);
  return out;
}
const pulumi = (...args: string[]) => runIn(project, 'pulumi', [...args, '--non-interactive', '--color', 'never']);
const kubeforge = (cwd: string, ...args: string[]) => runIn(cwd, process.execPath, [CLI, ...args]);

function expectOk(r: Run, what: string): void {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
}

/** The objects the example holds, from synth of the same app and environment. */
const synthDir = tempDir('kubeforge-pulumi-synth-');
new PulumiExampleApp({ environment: 'dev', devServer: server, outdir: synthDir }).synth();
const objects: K8sObject[] = fs
  .readdirSync(synthDir)
  .sort()
  .flatMap((f) => parseManifests(fs.readFileSync(path.join(synthDir, f), 'utf8')));

function present(o: K8sObject): boolean {
  return kubectl(['get', ...ref(o), '-o', 'name']).code === 0;
}

afterAll(() => {
  // Leave nothing behind, whatever failed: the stack's objects, then the temp project.
  if (objects.some(present)) pulumi('destroy', '--yes', '--stack', 'dev');
  fs.rmSync(project, { recursive: true, force: true });
}, STEP_TIMEOUT);

describe('examples/pulumi: pulumi up, up again, kubeforge deploy, kubeforge destroy', () => {
  test('the example has the web app and the storage example (Deployments, Services, HPA, PVs, PVCs, Secret)', () => {
    expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual(
      ['Deployment', 'HorizontalPodAutoscaler', 'PersistentVolume', 'PersistentVolumeClaim', 'Secret', 'Service'],
    );
    expect(objects.filter(present)).toEqual([]);
  });

  test('pulumi up creates every object; every Deployment becomes Available', () => {
    expectOk(pulumi('stack', 'init', 'dev'), 'pulumi stack init dev');
    const up = pulumi('up', '--yes', '--stack', 'dev', '--skip-preview');
    expectOk(up, 'pulumi up');
    process.stderr.write(`[pulumi test] first pulumi up: ${up.seconds.toFixed(1)} s for ${objects.length} objects\n`);
    expect(up.stdout).toMatch(new RegExp(`\\+ ${objects.length + 2} created`)); // + the stack and the Provider
    expect(objects.filter((o) => !present(o)).map((o) => ref(o).join(' '))).toEqual([]);
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      kubectlOk(['wait', '--for=condition=Available', ...ref(d), '--timeout=120s']);
    }
    // The stack outputs are typed outputs of the constructs, read back from the cluster.
    const outputs = JSON.parse(pulumi('stack', 'output', '--json', '--stack', 'dev').stdout);
    const service = objects.find((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer')!;
    expect(outputs.webService).toBe(service.metadata.name);
    expect(outputs.webClusterIP).toBe(JSON.parse(kubectlOk(['get', ...ref(service), '-o', 'json'])).spec.clusterIP);
    expect(outputs.mysqlClaimPhase).toBe('Bound');
    expect(outputs.objects).toBe(objects.length);
  }, STEP_TIMEOUT);

  test('a second pulumi up changes nothing', () => {
    const again = pulumi('up', '--yes', '--stack', 'dev', '--expect-no-changes', '--skip-preview');
    expectOk(again, 'second pulumi up');
    expect(again.stdout).toMatch(new RegExp(`${objects.length + 2} unchanged`));
    expect(again.stdout).not.toMatch(/\d+ (created|updated|deleted|replaced)/);
  }, STEP_TIMEOUT);

  test('kubeforge deploy --env dev of the same app (same stack) changes nothing either: both paths register the same resources', () => {
    const r = kubeforge(EXAMPLE, 'deploy', '--env', 'dev', '--yes');
    expectOk(r, 'kubeforge deploy');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('stack kubeforge-examples/dev');
    expect(r.stderr).toMatch(new RegExp(`deployed environment dev: 0 created, 0 updated, ${objects.length + 2} unchanged, 0 deleted`));
  }, STEP_TIMEOUT);

  test('kubeforge preview --env dev: no changes, exit 0; destroy without --yes and no terminal: exit 2, nothing done', () => {
    const preview = kubeforge(EXAMPLE, 'preview', '--env', 'dev');
    expectOk(preview, 'kubeforge preview');
    expect(preview.stderr).toContain('(no changes)');
    // A destroy has changes to confirm: without --yes, and with no terminal to ask on, it refuses.
    const noYes = kubeforge(EXAMPLE, 'destroy', '--env', 'dev');
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('run it again with --yes');
    expect(objects.filter((o) => !present(o))).toEqual([]);
  }, STEP_TIMEOUT);

  test('kubeforge destroy --env dev deletes every object', () => {
    const r = kubeforge(EXAMPLE, 'destroy', '--env', 'dev', '--yes');
    expectOk(r, 'kubeforge destroy');
    process.stderr.write(`[pulumi test] kubeforge destroy: ${r.seconds.toFixed(1)} s\n`);
    // The objects, the Provider and the stack.
    expect(r.stderr).toMatch(new RegExp(`destroyed environment dev: ${objects.length + 2} deleted`));
    expect(objects.filter(present).map((o) => ref(o).join(' '))).toEqual([]);
  }, STEP_TIMEOUT);
});

describe('the wrong cluster is refused, before anything is sent', () => {
  test('kubeforge deploy --env prod with the local kubeconfig: exit 1 naming both servers; nothing created', () => {
    const r = kubeforge(EXAMPLE, 'deploy', '--env', 'prod', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to deploy');
    expect(r.stderr).toContain('https://prod.k8s.example.com:6443');
    expect(r.stderr).toContain('nothing was deployed');
    expect(objects.filter(present)).toEqual([]);
  }, STEP_TIMEOUT);

  test('pulumi up of the prod stack (the Pulumi program path) fails the same way; nothing created', () => {
    expectOk(pulumi('stack', 'init', 'prod'), 'pulumi stack init prod');
    const r = pulumi('up', '--yes', '--stack', 'prod', '--skip-preview');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('refusing to deploy');
    expect(r.stdout + r.stderr).toContain('https://prod.k8s.example.com:6443');
    expect(objects.filter(present)).toEqual([]);
  }, STEP_TIMEOUT);

  test('an environment whose clusterUid is not the live cluster: kubeforge deploy exits 1, no object created', () => {
    const dir = tempDir('kubeforge-uid-');
    const uid = kubectlOk(['get', 'namespace', 'kube-system', '-o', 'jsonpath={.metadata.uid}']).trim();
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      `const k = require(${JSON.stringify(path.join(ROOT, 'build/lib'))});
const app = new k.App({ environments: [new k.Environment('dev', { cluster: { server: ${JSON.stringify(server)}, clusterUid: '00000000-0000-0000-0000-000000000000' } })] });
new k.ConfigMap(new k.Chart(app, 'uid-check'), 'settings', { data: { a: 'b' } });
app.synth();
`,
    );
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'uid-check' }));
    const r = kubeforge(dir, 'deploy', '--env', 'dev', '--yes', '-a', 'node app.js');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(uid);
    expect(r.stderr).toContain('00000000-0000-0000-0000-000000000000');
    expect(kubectl(['get', 'configmap', '-A', '-o', 'name']).stdout).not.toMatch(/uid-check/);
  }, STEP_TIMEOUT);
});

describe('a deploy the cluster refuses part of', () => {
  test('exit 1; the report names what was applied, what failed (with the server error) and what was not applied', () => {
    const dir = tempDir('kubeforge-partial-');
    // A Service whose clusterIP is outside the cluster's service range (the server refuses it at once), a
    // Deployment that depends on it (so it waits, and is never sent), and an unrelated ConfigMap that goes through.
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      `const k = require(${JSON.stringify(path.join(ROOT, 'build/lib'))});
const app = new k.App({ environments: [new k.Environment('dev', { cluster: { server: ${JSON.stringify(server)} } })] });
const ok = new k.Chart(app, 'partial-ok');
new k.ConfigMap(ok, 'fine', { data: { a: 'b' } });
const bad = new k.Chart(app, 'partial-bad');
const web = new k.Deployment(bad, 'web', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }],
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } } }] });
const svc = web.exposeViaService();
k.ApiObject.of(svc).addJsonPatch(k.JsonPatch.add('/spec/clusterIP', '10.99.0.5'));
web.node.addDependency(svc);
app.synth();
`,
    );
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'partial' }));
    const r = kubeforge(dir, 'deploy', '--env', 'dev', '--yes', '-a', 'node app.js');
    try {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/deploy to environment dev failed: 1 failed, \d+ applied/);
      expect(r.stderr).toMatch(/failed:\n\s+Service partial-bad\/web\/service: .*10\.99\.0\.5/);
      expect(r.stderr).toMatch(/not applied \(the update stopped before them\):\n\s+Deployment partial-bad\/web/);
      expect(r.stderr).toMatch(/applied:\n(\s+.*\n)*\s+ConfigMap partial-ok\/fine/);
    } finally {
      kubeforge(dir, 'destroy', '--env', 'dev', '--yes', '-a', 'node app.js');
    }
  }, STEP_TIMEOUT);
});
