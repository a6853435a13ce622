/**
 * `kubeforge deploy|preview|destroy`: argument parsing, and every check that runs before Pulumi is started,
 * run through the built CLI as a user would. A stand-in `pulumi` on PATH records whether it was ever called,
 * so each test also shows that a refused deploy never reached Pulumi. (The real Pulumi runs are in
 * test/cluster/pulumi.test.ts.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDeployArgs } from '../../lib/cli/deploy';
import { backendInfo, findOnPath, passphraseProblem, projectNameFrom } from '../../lib/cli/deploy-preflight';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'build/lib/cli/main.js');
const LIB = path.join(ROOT, 'build/lib');

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The environment without anything Pulumi- or kubeforge-specific from the developer's shell. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|KUBEFORGE_|KUBECONFIG$)/.test(k)) env[k] = v;
  return { ...env, HOME: tmp('kf-home-'), ...extra };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bin dir with a `pulumi` that only records that it ran (and fails, as a real one would without a backend). */
function fakePulumiBin(): { dir: string; calls: string } {
  const dir = tmp('kf-bin-');
  const calls = path.join(dir, 'calls.log');
  fs.writeFileSync(path.join(dir, 'pulumi'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(calls)}\nexit 1\n`, { mode: 0o755 });
  return { dir, calls };
}

/** A project whose app (app.js) declares a `dev` environment at `server` and writes a marker when it runs. */
function project(body: string, server = 'https://dev.example.com:6443'): { dir: string; marker: string } {
  const dir = tmp('kf-deploy-');
  const marker = path.join(dir, 'app-ran');
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    `const k = require(${JSON.stringify(LIB)});
require('fs').writeFileSync(${JSON.stringify(marker)}, process.env.KUBEFORGE_ENV || '');
const app = new k.App({ environments: [new k.Environment('dev', { cluster: { server: ${JSON.stringify(server)} } })] });
const chart = new k.Chart(app, 'demo');
${body}
if (require.main === module) app.synth();
`,
  );
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  return { dir, marker };
}

const GOOD = `new k.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] }).exposeViaService();`;

/** A fake pulumi, a local backend and a passphrase: every setup check passes. */
function readyEnv(extra: Record<string, string> = {}) {
  const bin = fakePulumiBin();
  const backend = tmp('kf-backend-');
  const env = cleanEnv({
    PATH: `${bin.dir}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: 'test',
    ...extra,
  });
  return { env, calls: bin.calls };
}

function kubeconfig(server: string): string {
  const file = path.join(tmp('kf-kube-'), 'config');
  fs.writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: here
contexts: [{ name: here, context: { cluster: c1, user: u1 } }]
clusters: [{ name: c1, cluster: { server: ${JSON.stringify(server)} } }]
users: [{ name: u1, user: { token: not-a-real-token } }]
`,
  );
  return file;
}

describe('parseDeployArgs', () => {
  test('reads the operation, the environment and every option', () => {
    const r = parseDeployArgs(['deploy', '--env', 'dev', '--stack', 'dev-eu', '-a', 'node x.js', '-c', 'k.yaml', '--yes', '--refresh'], {});
    expect(r).toEqual({
      options: { operation: 'deploy', env: 'dev', stack: 'dev-eu', app: 'node x.js', configFile: 'k.yaml', yes: true, refresh: true },
    });
  });

  test('options may come before the command; -e and -y are the short forms', () => {
    expect(parseDeployArgs(['-e', 'prod', 'destroy', '-y'], {})).toMatchObject({ options: { operation: 'destroy', env: 'prod', yes: true } });
  });

  test('--env defaults to KUBEFORGE_ENV, and the flag wins over it', () => {
    expect(parseDeployArgs(['preview'], { KUBEFORGE_ENV: 'staging' })).toMatchObject({ options: { env: 'staging' } });
    expect(parseDeployArgs(['preview', '--env', 'dev'], { KUBEFORGE_ENV: 'staging' })).toMatchObject({ options: { env: 'dev' } });
  });

  test.each([
    [['deploy'], /needs --env NAME/],
    [['deploy', '--env', 'dev', 'extra'], /takes no positional arguments \(got extra\)/],
    [['deploy', '--env', 'dev', '--force'], /Unknown option '--force'/],
    [['deploy', '--env'], /argument missing/],
    [['deploy', '--env', 'dev', '--stack', 'a/b'], /--stack "a\/b" is not a valid stack name/],
    [['deploy', '--env', 'dev env'], /--env "dev env" is not a valid stack name/],
  ])('%j is a usage error', (argv, message) => {
    const r = parseDeployArgs(argv as string[], {});
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(message);
  });

  test('--help asks for the help text', () => {
    expect(parseDeployArgs(['deploy', '--help'], {})).toEqual({ help: true });
  });
});

describe('preflight helpers', () => {
  test('findOnPath finds executables only, in PATH order', () => {
    const a = tmp('kf-a-');
    const b = tmp('kf-b-');
    fs.writeFileSync(path.join(a, 'tool'), 'not executable', { mode: 0o644 });
    fs.writeFileSync(path.join(b, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findOnPath('tool', [a, b].join(path.delimiter), 'linux')).toBe(path.join(b, 'tool'));
    expect(findOnPath('tool', a, 'linux')).toBeUndefined();
    expect(findOnPath('tool', undefined, 'linux')).toBeUndefined();
  });

  test('backendInfo: PULUMI_BACKEND_URL, else the `pulumi login` credentials, else a problem naming pulumi login --local', () => {
    const home = tmp('kf-pulumi-home-');
    expect(backendInfo({ PULUMI_BACKEND_URL: 'file:///state' }, home)).toEqual({ url: 'file:///state' });
    const none = backendInfo({}, home);
    expect(none.url).toBeUndefined();
    expect(none.problem).toContain('pulumi login --local');
    expect(none.problem).toContain('PULUMI_BACKEND_URL=file://');
    fs.mkdirSync(path.join(home, '.pulumi'));
    fs.writeFileSync(path.join(home, '.pulumi', 'credentials.json'), JSON.stringify({ current: 'file://~' }));
    expect(backendInfo({}, home)).toEqual({ url: 'file://~' });
    // PULUMI_HOME moves the credentials file.
    expect(backendInfo({ PULUMI_HOME: tmp('kf-empty-') }, home).problem).toBeDefined();
  });

  test('passphraseProblem: only a file:// backend without PULUMI_CONFIG_PASSPHRASE(_FILE) is a problem', () => {
    expect(passphraseProblem('file:///s', {})).toContain('PULUMI_CONFIG_PASSPHRASE');
    expect(passphraseProblem('file:///s', { PULUMI_CONFIG_PASSPHRASE: '' })).toBeUndefined();
    expect(passphraseProblem('file:///s', { PULUMI_CONFIG_PASSPHRASE_FILE: '/p' })).toBeUndefined();
    expect(passphraseProblem('https://api.pulumi.com', {})).toBeUndefined();
  });

  test('projectNameFrom: Pulumi.yaml name, else package.json name (scope folded in), else the directory', () => {
    const dir = tmp('kf-proj-');
    expect(projectNameFrom(dir)).toBe(path.basename(dir));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@acme/shop' }));
    expect(projectNameFrom(dir)).toBe('acme-shop');
    fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), 'name: shop-infra\nruntime: nodejs\n');
    expect(projectNameFrom(dir)).toBe('shop-infra');
  });
});

describe('kubeforge deploy: setup checks (exit 2, nothing run)', () => {
  test('without the pulumi CLI: exit 2, says what to install and how to use a local backend; the app never runs', () => {
    const { dir, marker } = project(GOOD);
    const r = run(['deploy', '--env', 'dev'], dir, cleanEnv({ PATH: tmp('kf-nopulumi-') }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the Pulumi CLI (`pulumi`');
    expect(r.stderr).toContain('is not on PATH');
    expect(r.stderr).toContain('curl -fsSL https://get.pulumi.com | sh');
    expect(r.stderr).toContain('scripts/cluster/build-pulumi.sh');
    expect(r.stderr).toContain('pulumi login --local');
    expect(fs.existsSync(marker)).toBe(false);
  });

  test('preview and destroy check for the CLI the same way', () => {
    const { dir } = project(GOOD);
    for (const op of ['preview', 'destroy']) {
      const r = run([op, '--env', 'dev'], dir, cleanEnv({ PATH: tmp('kf-nopulumi-') }));
      expect({ op, code: r.code }).toEqual({ op, code: 2 });
      expect(r.stderr).toContain(`kubeforge ${op}: the Pulumi CLI`);
    }
  });

  test('without a backend: exit 2 naming pulumi login --local and PULUMI_BACKEND_URL; pulumi is never called', () => {
    const { dir, marker } = project(GOOD);
    const { env, calls } = readyEnv();
    delete env.PULUMI_BACKEND_URL;
    env.PULUMI_HOME = tmp('kf-pulumi-home-');
    const r = run(['deploy', '--env', 'dev'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no Pulumi backend is selected');
    expect(r.stderr).toContain('pulumi login --local');
    expect(fs.existsSync(calls)).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
  });

  test('a local backend without a passphrase: exit 2 naming PULUMI_CONFIG_PASSPHRASE', () => {
    const { dir } = project(GOOD);
    const { env, calls } = readyEnv();
    delete env.PULUMI_CONFIG_PASSPHRASE;
    const r = run(['deploy', '--env', 'dev'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('export PULUMI_CONFIG_PASSPHRASE=');
    expect(fs.existsSync(calls)).toBe(false);
  });

  test('an app command that is not `node FILE`: exit 2 with the form to use', () => {
    const { dir } = project(GOOD);
    const { env } = readyEnv();
    const r = run(['deploy', '--env', 'dev', '-a', 'npx ts-node main.ts'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it starts with "npx", not node');
    expect(r.stderr).toContain('app: node build/main.js');
  });

  test('no cdk8s.yaml and no -a: exit 2 naming the file', () => {
    const { env } = readyEnv();
    const r = run(['deploy', '--env', 'dev'], tmp('kf-empty-'), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cdk8s.yaml: cannot read it');
  });
});

describe('kubeforge deploy: the app is built for the environment, and checked before Pulumi starts', () => {
  test('an environment the app does not declare: exit 2 listing the declared ones; the app ran with KUBEFORGE_ENV', () => {
    const { dir, marker } = project(GOOD);
    const { env, calls } = readyEnv();
    const r = run(['deploy', '--env', 'qa'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('environment "qa" is not declared');
    expect(r.stderr).toContain('Allowed: dev');
    expect(fs.readFileSync(marker, 'utf8')).toBe('qa');
    expect(fs.existsSync(calls)).toBe(false);
  });

  test('a finding at error level: exit 1 with the construct path; nothing deployed, pulumi never called', () => {
    const { dir } = project(`
      const d = new k.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', resources: {} }] });
      d.autoscale({ maxReplicas: 5, cpuUtilization: 50 });`);
    const { env, calls } = readyEnv({ KUBECONFIG: kubeconfig('https://dev.example.com:6443') });
    const r = run(['deploy', '--env', 'dev', '--yes'], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('demo/web/autoscaler');
    expect(r.stderr).toContain('nothing was deployed');
    expect(fs.existsSync(calls)).toBe(false);
  });

  test('a kubeconfig that points at another cluster: exit 1 naming both servers; pulumi never called', () => {
    const { dir } = project(GOOD, 'https://dev.example.com:6443');
    const { env, calls } = readyEnv({ KUBECONFIG: kubeconfig('https://127.0.0.1:16443') });
    const r = run(['deploy', '--env', 'dev', '--yes'], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to deploy');
    expect(r.stderr).toContain('https://dev.example.com:6443');
    expect(r.stderr).toContain('https://127.0.0.1:16443');
    expect(r.stderr).toContain('nothing was deployed');
    expect(fs.existsSync(calls)).toBe(false);
  });

  test('an app that never calls app.synth(): exit 2 saying so', () => {
    const { dir } = project(GOOD);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node lib.js\n');
    fs.writeFileSync(path.join(dir, 'lib.js'), `require(${JSON.stringify(LIB)});\n`);
    const { env } = readyEnv();
    const r = run(['deploy', '--env', 'dev'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('never called app.synth()');
  });

  test('an app that crashes: exit 2 with its error', () => {
    const { dir } = project('undefinedFunction();');
    const { env } = readyEnv();
    const r = run(['deploy', '--env', 'dev'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('undefinedFunction is not defined');
    expect(r.stderr).toContain('failed while it was built; nothing was deployed');
  });
});

describe('kubeforge synth --env', () => {
  test('builds the app for the environment (KUBEFORGE_ENV), and an unknown one exits 1 listing the declared', () => {
    const { dir } = project(`new k.ConfigMap(chart, 'cfg', { data: { env: process.env.KUBEFORGE_ENV || 'none' } });`);
    const env = cleanEnv({});
    const ok = run(['synth', '--env', 'dev', '--stdout'], dir, env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('env: dev');
    const plain = run(['synth', '--stdout'], dir, env);
    expect(plain.stdout).toContain('env: none');
    const bad = run(['synth', '-e', 'qa'], dir, env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('environment "qa" is not declared');
  });
});
