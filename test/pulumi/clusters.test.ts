/**
 * Providers and the wrong-cluster guard under mocks, with temporary kubeconfig files: one Provider per
 * environment from its kubeconfig and context, a refusal (before anything is registered) when the context points
 * at another server, the clusterUid check against the live kube-system Namespace, several clusters in one program,
 * and user-supplied Providers.
 */
import { installMocks, leakedPromiseCount, settled, valueOf } from './mocks';
const mocks = installMocks();

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as k8s from '@pulumi/kubernetes';
import { App, Chart, ConfigMap, Environment, EnvironmentProps, KubeforgeError } from '../../lib';
import { deploy } from '../../lib/pulumi';
import { resolveCluster } from '../../lib/pulumi/kubeconfig';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-kubeconfig-'));
const savedKubeconfig = process.env.KUBECONFIG;

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = savedKubeconfig;
  expect(leakedPromiseCount()).toBe(0);
});

beforeEach(() => {
  mocks.registered.length = 0;
  mocks.kubeSystemUid = 'uid-of-the-right-cluster';
});

let fileNo = 0;
function kubeconfig(clusters: Record<string, string>, current?: string): string {
  const file = path.join(tmp, `config-${++fileNo}`);
  const names = Object.keys(clusters);
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    ...(current ? [`current-context: ${current}`] : []),
    'clusters:',
    ...names.flatMap((n) => [`- name: ${n}`, '  cluster:', `    server: ${clusters[n]}`]),
    'contexts:',
    ...names.flatMap((n) => [`- name: ${n}`, '  context:', `    cluster: ${n}`, `    user: ${n}`]),
    'users:',
    ...names.flatMap((n) => [`- name: ${n}`, '  user:', '    token: not-a-real-token']),
  ];
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function app(name: string, cluster: EnvironmentProps['cluster']): App {
  const env = new Environment(name, { cluster });
  const a = new App({ environments: [env], environment: name });
  new ConfigMap(new Chart(a, 'web'), 'settings', { data: { mode: name } });
  return a;
}

const providerResources = () => mocks.registered.filter((r) => r.type === 'pulumi:providers:kubernetes');
const objects = () => mocks.registered.filter((r) => r.type.startsWith('kubernetes:') && !r.read);

describe('kubeconfig guard', () => {
  test('the right cluster: one Provider from the kubeconfig file and context, with server-side apply', async () => {
    const file = kubeconfig({ kind: 'https://127.0.0.1:6443', other: 'https://10.9.9.9:6443' }, 'other');
    const d = deploy(app('dev', { server: 'https://127.0.0.1:6443', kubeconfig: file, context: 'kind' }));
    await settled([...d.resources.values(), d.provider!]);
    expect(providerResources().map((p) => [p.name, p.inputs])).toEqual([
      ['kubeforge-dev', expect.objectContaining({ kubeconfig: file, context: 'kind', enableServerSideApply: 'true', clusterIdentifier: 'https://127.0.0.1:6443' })],
    ]);
    // The object is registered with that Provider (its URN and id), not the default one.
    const urn = await valueOf(d.provider!.urn);
    expect(objects().map((o) => [o.name, o.provider?.startsWith(`${urn}::`)])).toEqual([['dev/web/settings', true]]);
  });

  test('a context that points at another server is refused, naming the environment and both servers; nothing is registered', () => {
    const file = kubeconfig({ prod: 'https://prod.example.com:6443', dev: 'https://127.0.0.1:6443' }, 'dev');
    const a = app('prod', { server: 'https://prod.example.com:6443', kubeconfig: file });
    expect(() => deploy(a)).toThrow(KubeforgeError);
    expect(() => deploy(a)).toThrow(
      /Environment "prod".*environment "prod" expects the cluster at https:\/\/prod\.example\.com:6443, but kubeconfig context "dev" .* points at https:\/\/127\.0\.0\.1:6443/,
    );
    expect(mocks.registered).toEqual([]);
  });

  test('$KUBECONFIG lists are merged like kubectl: the first file setting current-context wins', () => {
    const a = kubeconfig({ a: 'https://a.example.com' }, 'a');
    const b = kubeconfig({ b: 'https://b.example.com' }, 'b');
    process.env.KUBECONFIG = [path.join(tmp, 'missing'), a, b].join(path.delimiter);
    try {
      const env = new Environment('x', { cluster: { server: 'https://a.example.com/' } });
      expect(resolveCluster(env)).toEqual({ kubeconfig: a, context: 'a', server: 'https://a.example.com' });
      const byContext = new Environment('y', { cluster: { server: 'https://b.example.com', context: 'b' } });
      expect(resolveCluster(byContext).kubeconfig).toBe(b);
    } finally {
      delete process.env.KUBECONFIG;
    }
  });

  test('missing kubeconfig, missing context: errors say what to set', () => {
    const file = kubeconfig({ a: 'https://a.example.com' });
    expect(() => resolveCluster(new Environment('x', { cluster: { server: 'https://a.example.com', kubeconfig: path.join(tmp, 'nope') } }))).toThrow(/no kubeconfig found.*set cluster.kubeconfig/);
    expect(() => resolveCluster(new Environment('x', { cluster: { server: 'https://a.example.com', kubeconfig: file } }))).toThrow(/no current-context.*set cluster.context/);
    expect(() => resolveCluster(new Environment('x', { cluster: { server: 'https://a.example.com', kubeconfig: file, context: 'zz' } }))).toThrow(/no context "zz" \(contexts: a\)/);
  });
});

describe('several clusters in one program', () => {
  test('each environment gets its own Provider; names are prefixed so the same app deploys to both', async () => {
    const file = kubeconfig({ dev: 'https://dev.example.com', prod: 'https://prod.example.com' }, 'dev');
    const devApp = app('dev', { server: 'https://dev.example.com', kubeconfig: file, context: 'dev' });
    const prodApp = app('prod', { server: 'https://prod.example.com', kubeconfig: file, context: 'prod' });
    const d1 = deploy(devApp);
    const d2 = deploy(prodApp);
    await settled([...d1.resources.values(), ...d2.resources.values(), d1.provider!, d2.provider!]);
    expect(providerResources().map((p) => [p.name, p.inputs.context]).sort()).toEqual([['kubeforge-dev', 'dev'], ['kubeforge-prod', 'prod']]);
    const devUrn = await valueOf(d1.provider!.urn);
    const prodUrn = await valueOf(d2.provider!.urn);
    const byName = new Map(objects().map((o) => [o.name, o.provider]));
    expect(byName.get('dev/web/settings')!.startsWith(`${devUrn}::`)).toBe(true);
    expect(byName.get('prod/web/settings')!.startsWith(`${prodUrn}::`)).toBe(true);
  });

  test('two apps on one Environment share its Provider', async () => {
    const file = kubeconfig({ dev: 'https://dev.example.com' }, 'dev');
    const env = new Environment('shared', { cluster: { server: 'https://dev.example.com', kubeconfig: file } });
    const a = new App({ environments: [env], environment: 'shared' });
    new ConfigMap(new Chart(a, 'one'), 'cm', { data: { a: 'b' } });
    const b = new App({ environments: [env], environment: 'shared' });
    new ConfigMap(new Chart(b, 'two'), 'cm', { data: { a: 'b' } });
    const d1 = deploy(a);
    const d2 = deploy(b);
    expect(d2.provider).toBe(d1.provider);
    await settled([...d1.resources.values(), ...d2.resources.values()]);
    expect(providerResources()).toHaveLength(1);
  });
});

describe('user-supplied Provider and clusterUid', () => {
  test('a user Provider is used as is, without a kubeconfig check', async () => {
    const provider = new k8s.Provider('from-eks', { kubeconfig: '{"not":"read by kubeforge"}' });
    const d = deploy(app('eks', { server: 'https://eks.example.com', kubeconfig: path.join(tmp, 'does-not-exist') }), { provider });
    await settled([...d.resources.values()]);
    expect(d.provider).toBe(provider);
    expect(providerResources().map((p) => p.name)).toEqual(['from-eks']);
    expect(objects()[0].provider!.startsWith(`${await valueOf(provider.urn)}::`)).toBe(true);
  });

  test('the right clusterUid: kube-system is read once, then the objects are registered', async () => {
    const provider = new k8s.Provider('uid-ok', {});
    const d = deploy(app('uidok', { server: 'https://x.example.com', clusterUid: 'uid-of-the-right-cluster' }), { provider });
    await settled(d.resources.values());
    const reads = mocks.registered.filter((r) => r.read);
    expect(reads.map((r) => [r.type, r.id])).toEqual([['kubernetes:core/v1:Namespace', 'kube-system']]);
    expect(objects().map((o) => o.name)).toEqual(['uidok/web/settings']);
  });

  test('a wrong clusterUid fails the program before any object is registered', () => {
    const script = path.join(__dirname, 'fixtures', 'uid-guard.js');
    const run = (uid: string) => spawnSync(process.execPath, [script, uid], { encoding: 'utf8', env: { ...process.env, KUBEFORGE_ENV: undefined } });
    const bad = run('uid-of-another-cluster');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/refusing to deploy: environment "guarded" expects the cluster whose kube-system Namespace has UID uid-of-the-right-cluster, but the Provider reaches a cluster where it is uid-of-another-cluster/);
    const registered = JSON.parse(bad.stdout.trim().split('\n').pop()!) as { type: string; read: boolean }[];
    expect(registered.filter((r) => r.type.startsWith('kubernetes:') && !r.read)).toEqual([]);
    expect(registered.filter((r) => r.read)).toHaveLength(1);
    // The same program with the right cluster registers the object and exits cleanly (no leaked promises).
    const good = run('uid-of-the-right-cluster');
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout.trim())).toContainEqual({ type: 'kubernetes:core/v1:ConfigMap', name: 'guarded/web/settings', read: false });
  });
});
