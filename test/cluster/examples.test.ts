/**
 * Every bundled example, shown to a real API server: synthesize, server-side dry run (accepted, no warnings),
 * apply, then wait for what a user would wait for (Deployments Available, Pods Ready, PVCs Bound, Services with
 * endpoints) and read every object back to compare the fields kubeforge set.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from '../../lib';
import { buildExampleApp } from '../../examples/main';
import { RolloutChart } from '../../examples/rollout';
import {
  asStored, eventually, K8sObject, kubectl, kubectlOk, missingFields, namespaceOf, namespaceState, parseManifests, ref, sleep,
  tempDir, waitOk, warningsOf,
} from './kube';

const FIELD_MANAGER = 'kubeforge-test';
const outdir = tempDir('kubeforge-cluster-');
buildExampleApp({ outdir }).synth();
const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();

/** Applies a file; retries while a brand-new namespace has no `default` ServiceAccount yet (admission rejects Pods). */
async function apply(file: string, extra: string[] = []): Promise<{ stdout: string; stderr: string }> {
  for (let attempt = 1; ; attempt++) {
    const r = kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...extra, '-f', file]);
    if (r.code === 0) return r;
    const transient = /serviceaccount "default" not found|namespace .* is being terminated/.test(r.stderr);
    if (!transient || attempt >= 20) throw new Error(`kubectl apply ${extra.join(' ')} -f ${file} failed:\n${r.stderr}`);
    await sleep(500);
  }
}

function getJson(obj: K8sObject): K8sObject {
  return JSON.parse(kubectlOk(['get', ...ref(obj), '-o', 'json']));
}

function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

test('the example app synthesizes one file per chart', () => {
  expect(files).toEqual(['config-env.k8s.yaml', 'databases.k8s.yaml', 'nginx-pod.k8s.yaml', 'platform.k8s.yaml', 'rollout.k8s.yaml', 'webapp.k8s.yaml']);
});

describe.each(files)('%s', (name) => {
  const file = path.join(outdir, name);
  const objects = parseManifests(fs.readFileSync(file, 'utf8'));

  beforeAll(async () => {
    // A dry run cannot create the namespaces its own objects live in, so those go in for real first.
    const namespaces = ofKind(objects, 'Namespace');
    if (namespaces.length > 0) {
      const nsFile = path.join(outdir, `${name}.namespaces.json`);
      fs.writeFileSync(nsFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: namespaces }));
      await apply(nsFile);
    }
  });

  afterAll(() => {
    // Foreground: ReplicaSets and Pods are gone too before the next file starts.
    kubectl(['delete', '-f', file, '--ignore-not-found', '--cascade=foreground', '--wait=true', '--timeout=120s']);
  });

  test('server-side dry run accepts every object, with no warnings', async () => {
    const r = await apply(file, ['--dry-run=server', '--validate=strict']);
    expect(warningsOf(r.stderr)).toEqual([]);
    expect(r.stdout.trim().split('\n')).toHaveLength(objects.length);
  });

  test('apply stores every field kubeforge set, unchanged', async () => {
    const r = await apply(file, ['--validate=strict']);
    expect(warningsOf(r.stderr)).toEqual([]);
    for (const obj of objects) {
      const stored = getJson(obj);
      const expected = asStored(obj);
      expect({ object: ref(obj).join(' '), differences: missingFields(expected, stored) }).toEqual({
        object: ref(obj).join(' '),
        differences: [],
      });
    }
  });

  test('every Deployment becomes Available on the kwok nodes', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      waitOk(['wait', '--for=condition=Available', ...ref(d), '--timeout=120s'], namespaceOf(d)!);
      // Available means minimum availability; rollout status waits until every replica is updated and ready.
      waitOk(['rollout', 'status', ...ref(d), '--timeout=120s'], namespaceOf(d)!);
      const status = getJson(d).status;
      // An autoscaled Deployment leaves `replicas` to its HPA, so compare with the count the server wants.
      const wanted = d.spec.replicas ?? status.replicas;
      expect({ deployment: d.metadata.name, ready: status.readyReplicas }).toEqual({ deployment: d.metadata.name, ready: wanted });
    }
  });

  test('every Pod is scheduled onto a kwok node and becomes Ready', () => {
    for (const p of ofKind(objects, 'Pod')) {
      waitOk(['wait', '--for=condition=Ready', ...ref(p), '--timeout=120s'], namespaceOf(p)!);
      expect(getJson(p).spec.nodeName).toMatch(/^kwok-node-\d+$/);
    }
  });

  test('every StatefulSet and DaemonSet has all its pods ready', async () => {
    for (const s of ofKind(objects, 'StatefulSet')) {
      // Each replica's claim from the volumeClaimTemplates must bind first, so this also proves the templates work.
      kubectlOk(['rollout', 'status', ...ref(s), '--timeout=180s']);
      expect(getJson(s).status.readyReplicas).toBe(s.spec.replicas);
    }
    for (const d of ofKind(objects, 'DaemonSet')) {
      kubectlOk(['rollout', 'status', ...ref(d), '--timeout=120s']);
      const status = getJson(d).status;
      expect(status.desiredNumberScheduled).toBeGreaterThan(0);
      expect(status.numberReady).toBe(status.desiredNumberScheduled);
    }
  });

  test('every Job completes', () => {
    for (const j of ofKind(objects, 'Job')) {
      kubectlOk(['wait', '--for=condition=Complete', ...ref(j), '--timeout=120s']);
      expect(getJson(j).status.succeeded).toBeGreaterThanOrEqual(j.spec.completions ?? 1);
    }
  });

  test('every PersistentVolumeClaim binds to its PersistentVolume', async () => {
    for (const c of ofKind(objects, 'PersistentVolumeClaim')) {
      await eventually(`${c.metadata.name} to be Bound`, 60_000, () => {
        const phase = getJson(c).status?.phase;
        return phase === 'Bound' ? undefined : `phase is ${phase}`;
      });
      if (c.spec.volumeName) {
        const pv = JSON.parse(kubectlOk(['get', 'pv', c.spec.volumeName, '-o', 'json']));
        expect(pv.spec.claimRef).toMatchObject({ name: c.metadata.name, namespace: namespaceOf(c) });
      }
    }
  });

  test('every Service with a selector gets ready endpoints for each port', async () => {
    for (const s of ofKind(objects, 'Service').filter((svc) => svc.spec.selector)) {
      try {
        await eventually(`endpoints of ${s.metadata.name}`, 60_000, () => {
          const slices = JSON.parse(
            kubectlOk(['get', 'endpointslices', '-n', namespaceOf(s)!, '-l', `kubernetes.io/service-name=${s.metadata.name}`, '-o', 'json']),
          ).items as K8sObject[];
          const ready = slices.flatMap((sl) => (sl.endpoints ?? []).filter((e: K8sObject) => e.conditions?.ready));
          const ports = new Set(slices.flatMap((sl) => (sl.ports ?? []).map((p: K8sObject) => p.name ?? '')));
          const missing = s.spec.ports.map((p: K8sObject) => p.name ?? '').filter((n: string) => !ports.has(n));
          if (ready.length === 0) return 'no ready endpoint';
          return missing.length ? `ports without endpoints: ${missing.join(', ')}` : undefined;
        });
      } catch (e) {
        throw new Error(`${(e as Error).message}\n${namespaceState(namespaceOf(s)!)}`);
      }
    }
  });
});

describe('rolling image update of the rollout example', () => {
  const dir = tempDir('kubeforge-rollout-');
  function synthRollout(image: string): string {
    const app = new App({ outdir: path.join(dir, image.replace(/[^a-z0-9]/g, '-')) });
    // Its own chart id, so its objects never meet the rollout example's (or their garbage) from above.
    new RolloutChart(app, 'rollout-update', { image });
    app.synth();
    return path.join(app.outdir, 'rollout-update.k8s.yaml');
  }

  afterAll(() => {
    kubectl(['delete', '-f', synthRollout('nginx:1.27'), '--ignore-not-found', '--cascade=foreground', '--wait=true', '--timeout=120s']);
  });

  test('changing the image rolls both Deployments in place: same objects, new image on every ready Pod', async () => {
    const before = synthRollout('nginx:1.27');
    await apply(before);
    const deployments = parseManifests(fs.readFileSync(before, 'utf8')).filter((o) => o.kind === 'Deployment');
    for (const d of deployments) kubectlOk(['rollout', 'status', ...ref(d), '--timeout=120s']);
    const uids = deployments.map((d) => getJson(d).metadata.uid);

    const after = synthRollout('nginx:1.28');
    const updated = parseManifests(fs.readFileSync(after, 'utf8')).filter((o) => o.kind === 'Deployment');
    expect(updated.map((d) => d.metadata.name)).toEqual(deployments.map((d) => d.metadata.name));
    await apply(after);
    for (const d of updated) kubectlOk(['rollout', 'status', ...ref(d), '--timeout=180s']);

    expect(updated.map((d) => getJson(d).metadata.uid)).toEqual(uids);
    for (const d of updated) {
      const selector = Object.entries(d.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
      const pods = JSON.parse(kubectlOk(['get', 'pods', '-n', namespaceOf(d)!, '-l', selector, '-o', 'json'])).items as K8sObject[];
      const live = pods.filter((p) => !p.metadata.deletionTimestamp);
      expect(live).toHaveLength(d.spec.replicas);
      expect(new Set(live.map((p) => p.spec.containers[0].image))).toEqual(new Set(['nginx:1.28']));
    }
  });
});
