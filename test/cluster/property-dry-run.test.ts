/**
 * What the property tests generate, shown to a real API server: a seeded sample of the valid apps of every
 * property generator (test/property/valid-apps.ts) is synthesized and dry-run with server-side apply and strict
 * field validation, and every object must be accepted. kubeforge finding no error is only worth something if
 * the API server agrees. An app that includes existing YAML (Include) goes through the same check, and the
 * table of cluster-scoped kinds that Include relies on is compared with the server's own discovery.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { App, Chart, Deployment, Include, JsonPatch, Namespace } from '../../lib';
import { CLUSTER_SCOPED_KINDS } from '../../lib/app/scope';
import { VALID_APPS } from '../property/valid-apps';
import { eventually, K8sObject, kubectl, kubectlOk, parseManifests, tempDir } from './kube';

const SAMPLES_PER_GENERATOR = 20;
const FIELD_MANAGER = 'kubeforge-test';
const root = tempDir('kubeforge-property-dry-run-');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/include');

interface Written {
  readonly dir: string;
  readonly objects: K8sObject[];
}

/** Synthesizes each app (no error findings allowed) into its own file under `dir`. */
function writeApps(name: string, apps: App[]): Written {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const objects: K8sObject[] = [];
  apps.forEach((app, i) => {
    const result = app.synthesize({ validate: true });
    const errors = result.issues.filter((x) => x.severity === 'error').map((x) => `[${x.ruleId}] ${x.constructPath ?? x.file}: ${x.message}`);
    expect({ sample: i, errors }).toEqual({ sample: i, errors: [] });
    const yaml = result.charts.map((c) => c.yaml).filter((y) => y !== '').join('---\n');
    fs.writeFileSync(path.join(dir, `sample-${String(i).padStart(2, '0')}.yaml`), yaml);
    objects.push(...parseManifests(yaml));
  });
  return { dir, objects };
}

/** Namespaces the objects live in or create: they must exist for real before a dry run can place anything in them. */
function namespacesOf(objects: K8sObject[]): string[] {
  const names = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Namespace') names.add(o.metadata.name);
    else if (typeof o.metadata?.namespace === 'string') names.add(o.metadata.namespace);
  }
  return [...names].sort();
}

const created = new Set<string>();
async function ensureNamespaces(names: string[]): Promise<void> {
  const missing = names.filter((n) => !created.has(n));
  if (missing.length === 0) return;
  const list = { apiVersion: 'v1', kind: 'List', items: missing.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } })) };
  kubectlOk(['apply', '--server-side', '--field-manager=kubeforge-test-setup', '-f', '-'], JSON.stringify(list));
  missing.forEach((n) => created.add(n));
  // Pods are admitted only once the namespace's `default` ServiceAccount exists.
  await eventually('default ServiceAccounts', 60_000, () => {
    const absent = missing.filter((n) => kubectl(['get', 'serviceaccount', 'default', '-n', n]).code !== 0);
    return absent.length ? `missing in ${absent.join(', ')}` : undefined;
  });
}

/** Server-side dry run of every file in `dir`; returns the accepted count and the server's complaints. */
function dryRun(dir: string): { accepted: number; stderr: string; code: number } {
  const r = kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--dry-run=server', '--validate=strict', '-f', dir]);
  const accepted = r.stdout.split('\n').filter((l) => / serverside-applied \(server dry run\)$/.test(l)).length;
  return { accepted, stderr: r.stderr, code: r.code };
}

afterAll(() => {
  kubectl(['delete', 'crd', 'backups.example.com', 'vaults.example.com', '--ignore-not-found', '--wait=false']);
  if (created.size > 0) kubectl(['delete', 'namespace', ...[...created].filter((n) => n !== 'default'), '--ignore-not-found', '--wait=false']);
});

const totals: { name: string; apps: number; objects: number; accepted: number }[] = [];

describe.each(VALID_APPS.map((g) => [g.name, g] as const))('%s: seeded sample of the property generator', (name, g) => {
  test(`all ${SAMPLES_PER_GENERATOR} apps synthesize clean and the API server accepts every object`, async () => {
    const builds = fc.sample(g.apps, { seed: g.seed, numRuns: SAMPLES_PER_GENERATOR });
    const { dir, objects } = writeApps(name, builds.map((b) => b()));
    await ensureNamespaces(namespacesOf(objects));
    const r = dryRun(dir);
    totals.push({ name, apps: builds.length, objects: objects.length, accepted: r.accepted });
    // Warnings are allowed here (the examples suite checks those); anything else on stderr is a rejection.
    expect({ rejected: r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning:')), code: r.code }).toEqual({ rejected: [], code: 0 });
    expect(r.accepted).toBe(objects.length);
  });
});

describe('an app that includes existing YAML', () => {
  function includeApp(): App {
    const app = new App({ outdir: path.join(root, 'include-out') });
    const chart = new Chart(app, 'legacy', { namespace: 'kf-include' });
    new Namespace(chart, 'ns', { name: 'kf-include' });
    new Include(chart, 'crds', { path: path.join(FIXTURES, 'crd.yaml') });
    const legacy = new Include(chart, 'legacy', { path: path.join(FIXTURES, 'legacy.yaml') });
    const web = legacy.find('Deployment', 'legacy-web');
    web.set('/spec/replicas', 3);
    web.set('/spec/template/spec/tolerations', [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    web.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { 'example.com/patched': 'true' }));
    // A kubeforge Deployment beside them: the included Service must not be taken for its selector's owner.
    new Deployment(chart, 'api', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
    return app;
  }

  test('synthesizes clean, and the API server accepts every object (CRD instances once their CRDs exist)', async () => {
    const { dir, objects } = writeApps('include', [includeApp()]);
    expect(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'legacy-web')!.spec.template.spec.containers[0].resources.limits).toEqual({
      memory: '256Mi',
      'nvidia.com/gpu': 1,
    });
    await ensureNamespaces(namespacesOf(objects));
    // Custom resources are only served once their CRD is established, so the CRDs go in for real first.
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds).toHaveLength(2);
    kubectlOk(['apply', '--server-side', '--field-manager=kubeforge-test-setup', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: crds }));
    kubectlOk(['wait', '--for=condition=Established', 'crd/backups.example.com', 'crd/vaults.example.com', '--timeout=60s']);
    const r = dryRun(dir);
    totals.push({ name: 'Include', apps: 1, objects: objects.length, accepted: r.accepted });
    expect({ rejected: r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning:')), code: r.code }).toEqual({ rejected: [], code: 0 });
    expect(r.accepted).toBe(objects.length);
  });
});

test('the cluster-scoped kinds Include knows are exactly the ones the API server serves as cluster-scoped', () => {
  // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: the last three columns are always there.
  const rows = kubectlOk(['api-resources', '--no-headers']).split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/).slice(-3));
  const served = new Map<string, boolean>();
  for (const [apiVersion, namespaced, kind] of rows) {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    if (group.endsWith('example.com')) continue; // the test's own CRDs
    served.set(`${group}/${kind}`, namespaced === 'false');
  }
  const serverClusterScoped = [...served].filter(([, cluster]) => cluster).map(([gk]) => gk).sort();
  expect(serverClusterScoped.filter((gk) => !CLUSTER_SCOPED_KINDS.has(gk))).toEqual([]);
  expect([...CLUSTER_SCOPED_KINDS].filter((gk) => served.get(gk) === false)).toEqual([]);
  expect(serverClusterScoped.length).toBeGreaterThan(20);
});

afterAll(() => {
  const apps = totals.reduce((n, t) => n + t.apps, 0);
  const objects = totals.reduce((n, t) => n + t.objects, 0);
  const accepted = totals.reduce((n, t) => n + t.accepted, 0);
  process.stderr.write(
    `[property-dry-run] ${totals.map((t) => `${t.name} ${t.accepted}/${t.objects}`).join(', ')}\n` +
      `[property-dry-run] ${apps} apps, ${accepted} of ${objects} objects accepted by the API server (server-side apply, dry run, strict)\n`,
  );
});
