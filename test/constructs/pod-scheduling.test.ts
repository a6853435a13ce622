/** Pod scheduling on every pod-bearing kind: affinity, tolerations, topology spread, priority, runtime, ServiceAccount. */
import {
  CronJob, DaemonSet, Deployment, Job, LABEL_WORKLOAD, Namespace, Pod, PriorityClass, Secret, ServiceAccount, StatefulSet,
} from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, oneOfKind, podSpecOf, render } from './util';

const img = { image: 'nginx:1.27', port: 80 };
const job = { image: 'busybox:1.36', command: ['true'] };

describe('node affinity', () => {
  test('required terms are ORed node selector terms, preferred ones weighted', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'web', {
      containers: [img],
      affinity: {
        nodeAffinity: {
          required: [
            { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }, { key: 'example.com/cores', operator: 'Gt', values: ['4'] }] },
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
          ],
          preferred: [{ weight: 30, matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }],
        },
      },
    });
    const na = podSpecOf(oneOfKind(app, 'Deployment')).affinity.nodeAffinity;
    expect(na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }, { key: 'example.com/cores', operator: 'Gt', values: ['4'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
    ]);
    expect(na.preferredDuringSchedulingIgnoredDuringExecution).toEqual([{ weight: 30, preference: { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] } }]);
  });

  test.each([
    [{ key: 'disktype', operator: 'Exists', values: ['ssd'] }, 'operator Exists takes no values'],
    [{ key: 'disktype', operator: 'DoesNotExist', values: ['ssd'] }, 'operator DoesNotExist takes no values'],
    [{ key: 'disktype', operator: 'In' }, 'operator In needs values'],
    [{ key: 'cores', operator: 'Gt', values: ['4', '5'] }, 'operator Gt needs exactly one integer value'],
    [{ key: 'cores', operator: 'Lt', values: ['four'] }, 'operator Lt needs exactly one integer value'],
    [{ key: 'cores', operator: 'Like', values: ['x'] }, 'operator is not one of the allowed values'],
    [{ key: 'bad key!', operator: 'Exists' }, 'key is not a valid label key'],
  ])('a requirement %j is rejected: %s', (req, message) => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Pod(chart, 'p', { containers: [img], affinity: { nodeAffinity: { required: [{ matchExpressions: [req as never] }] } } }), 'test/p', message, 'affinity.nodeAffinity.required[0].matchExpressions[0]');
  });

  test('weights outside 1-100, empty terms and bad node fields are rejected', () => {
    const { chart } = newChart();
    const term = { matchExpressions: [{ key: 'disktype', operator: 'Exists' as const }] };
    expectKubeforgeError(() => new Pod(chart, 'a', { containers: [img], affinity: { nodeAffinity: { preferred: [{ weight: 101, ...term }] } } }), 'weight is out of range', '101', 'from 1 to 100');
    expectKubeforgeError(() => new Pod(chart, 'b', { containers: [img], affinity: { nodeAffinity: { preferred: [{ weight: 0, ...term }] } } }), 'weight is out of range');
    expectKubeforgeError(() => new Pod(chart, 'c', { containers: [img], affinity: { nodeAffinity: { preferred: [term as never] } } }), 'needs a weight');
    expectKubeforgeError(() => new Pod(chart, 'd', { containers: [img], affinity: { nodeAffinity: { required: [{}] } } }), 'matches no node');
    expectKubeforgeError(() => new Pod(chart, 'e', { containers: [img], affinity: { nodeAffinity: { required: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }] } } }), 'not a supported node field', 'metadata.name');
    expectKubeforgeError(() => new Pod(chart, 'f', { containers: [img], affinity: { nodeAffinity: { required: [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }] } } }), 'operator is not one of the allowed values', 'In, NotIn');
  });
});

describe('pod affinity and anti-affinity', () => {
  test('a workload is selected by its selector labels; raw selectors pass through; topologyKey is kept', () => {
    const { app, chart } = newChart();
    const cache = new Deployment(chart, 'cache', { containers: [{ image: 'redis:7.4', port: 6379 }] });
    const web = new Deployment(chart, 'web', {
      containers: [img],
      affinity: {
        podAffinity: { preferred: [{ weight: 80, pods: cache, topologyKey: 'kubernetes.io/hostname' }] },
        podAntiAffinity: { required: [{ pods: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['batch'] }] }, topologyKey: 'topology.kubernetes.io/zone' }] },
      },
    });
    web.addAffinity({ podAntiAffinity: { preferred: [{ weight: 100, pods: web, topologyKey: 'kubernetes.io/hostname' }] } });
    const objs = render(app);
    const dep = (name: string) => objs.find((o) => o.kind === 'Deployment' && o.metadata.name.includes(name))!;
    const aff = podSpecOf(dep('web')).affinity;
    expect(aff.podAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 80, podAffinityTerm: { labelSelector: { matchLabels: dep('cache').spec.selector.matchLabels }, topologyKey: 'kubernetes.io/hostname' } },
    ]);
    expect(aff.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['batch'] }] }, topologyKey: 'topology.kubernetes.io/zone' },
    ]);
    const self = aff.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    expect(self.labelSelector.matchLabels).toEqual(dep('web').spec.selector.matchLabels);
    expect(self.labelSelector.matchLabels[LABEL_WORKLOAD]).toBeDefined();
  });

  test('a workload in another namespace is looked for there; one without a namespace cannot be', () => {
    const { app, chart } = newChart();
    const other = new Namespace(chart, 'ns-data', { name: 'data' });
    const shop = new Namespace(chart, 'ns-shop', { name: 'shop' });
    const db = new StatefulSet(chart, 'db', { namespace: other, containers: [{ image: 'postgres:17', port: 5432 }] });
    new Deployment(chart, 'api', { namespace: shop, containers: [img], affinity: { podAffinity: { required: [{ pods: db, topologyKey: 'topology.kubernetes.io/zone' }] } } });
    const api = render(app).find((o) => o.kind === 'Deployment')!;
    expect(podSpecOf(api).affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces).toEqual(['data']);

    const t = newChart();
    const loose = new Deployment(t.chart, 'loose', { containers: [img] });
    const ns = new Namespace(t.chart, 'ns', { name: 'team' });
    new Deployment(t.chart, 'api', { namespace: ns, containers: [img], affinity: { podAntiAffinity: { required: [{ pods: loose, topologyKey: 'kubernetes.io/hostname' }] } } });
    expectSynthError(t.app, 'test/api', 'podAntiAffinity', 'test/loose', 'no namespace');
  });

  test('topologyKey is required and weights are checked', () => {
    const { chart } = newChart();
    const cache = new Deployment(chart, 'cache', { containers: [img] });
    expectKubeforgeError(() => new Pod(chart, 'a', { containers: [img], affinity: { podAffinity: { required: [{ pods: cache } as never] } } }), 'test/a', 'affinity.podAffinity.required[0].topologyKey is not a valid label key');
    expectKubeforgeError(() => new Pod(chart, 'b', { containers: [img], affinity: { podAntiAffinity: { preferred: [{ weight: 200, pods: cache, topologyKey: 'kubernetes.io/hostname' }] } } }), 'affinity.podAntiAffinity.preferred[0].weight is out of range', '200');
    expectKubeforgeError(() => new Pod(chart, 'c', { containers: [img], affinity: { podAffinity: { required: [{ pods: { matchLabels: { 'bad key!': 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } } }), 'not a valid label key');
    expectKubeforgeError(() => new Pod(chart, 'd', { containers: [img], affinity: { podAffinity: { required: [{ topologyKey: 'kubernetes.io/hostname' } as never] } } }), 'needs pods');
  });
});

describe('tolerations', () => {
  test('are rendered with the operator made explicit', () => {
    const { app, chart } = newChart();
    const ds = new DaemonSet(chart, 'agent', { containers: [img], tolerations: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { operator: 'Exists' }] });
    ds.addToleration({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 });
    expect(podSpecOf(oneOfKind(app, 'DaemonSet')).tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    ]);
  });

  test.each([
    [{ key: 'a', effect: 'NoSchedule', tolerationSeconds: 10 }, 'tolerationSeconds needs effect NoExecute'],
    [{ key: 'a', operator: 'Exists', value: 'x' }, 'operator Exists takes no value'],
    [{ value: 'x' }, 'has no key, which needs operator Exists'],
    [{ key: 'a', operator: 'Lt' }, 'operator is not one of the allowed values'],
    [{ key: 'a', effect: 'NoRun' }, 'effect is not one of the allowed values'],
    [{ key: 'a', value: 'not valid!' }, 'value is not a valid taint value'],
    [{ key: 'a', effect: 'NoExecute', tolerationSeconds: 1.5 }, 'tolerationSeconds is out of range'],
  ])('%j is rejected: %s', (t, message) => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Deployment(chart, 'web', { containers: [img], tolerations: [t as never] }), 'test/web', 'tolerations[0]', message);
  });
});

describe('topology spread', () => {
  test('spread() selects the workload\'s own pods, softly, across zones; a Deployment adds pod-template-hash', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'web', { replicas: 3, containers: [img] }).spread();
    const dep = oneOfKind(app, 'Deployment');
    const tsc = podSpecOf(dep).topologySpreadConstraints;
    expect(tsc).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: dep.spec.selector.matchLabels }, matchLabelKeys: ['pod-template-hash'] }]);
    // A spread is not required anti-affinity, which would leave every replica beyond the zone count Pending.
    expect(podSpecOf(dep).affinity).toBeUndefined();
  });

  test('spread() on a StatefulSet has no pod-template-hash; options pass through', () => {
    const { app, chart } = newChart();
    new StatefulSet(chart, 'db', { containers: [img] }).spread({ topologyKey: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, nodeTaintsPolicy: 'Honor' });
    const sts = oneOfKind(app, 'StatefulSet');
    expect(podSpecOf(sts).topologySpreadConstraints).toEqual([
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: sts.spec.selector.matchLabels }, minDomains: 3, nodeTaintsPolicy: 'Honor' },
    ]);
  });

  test('matchLabelKeys that repeat the workload\'s own selector keys fail synth', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'web', { containers: [img] }).spread({ matchLabelKeys: ['pod-template-hash', LABEL_WORKLOAD] });
    expectSynthError(app, 'test/web', 'topologySpreadConstraints[0]', LABEL_WORKLOAD, 'remove');
  });

  test('the prop defaults pods to the workload and whenUnsatisfiable to DoNotSchedule', () => {
    const { app, chart } = newChart();
    new Job(chart, 'batch', { containers: [job], topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', pods: { matchLabels: { tier: 'batch' } } }, { topologyKey: 'topology.kubernetes.io/zone' }] });
    const j = oneOfKind(app, 'Job');
    const [a, b] = podSpecOf(j).topologySpreadConstraints;
    expect(a).toEqual({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { tier: 'batch' } } });
    expect(b.labelSelector.matchLabels[LABEL_WORKLOAD]).toBe(j.spec.template.metadata.labels[LABEL_WORKLOAD]);
  });

  test('maxSkew, minDomains, duplicates and matchLabelKeys are checked', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Deployment(chart, 'a', { containers: [img] }).spread({ maxSkew: 0 }), 'test/a', 'maxSkew is out of range', 'from 1 to');
    expectKubeforgeError(() => new Deployment(chart, 'b', { containers: [img] }).spread({ minDomains: 2 }), 'minDomains needs whenUnsatisfiable DoNotSchedule', 'ScheduleAnyway');
    expectKubeforgeError(() => new Deployment(chart, 'c', { containers: [img] }).spread({ whenUnsatisfiable: 'DoNotSchedule', minDomains: 0 }), 'minDomains is out of range');
    expectKubeforgeError(() => new Deployment(chart, 'd', { containers: [img] }).spread().spread(), 'repeats topologyKey "topology.kubernetes.io/zone"');
    const other = new Deployment(chart, 'other', { containers: [img] });
    expectKubeforgeError(() => new Deployment(chart, 'e', { containers: [img] }).addTopologySpreadConstraint({ topologyKey: 'zone', pods: other, matchLabelKeys: [LABEL_WORKLOAD] }), 'matchLabelKeys repeats', LABEL_WORKLOAD);
    expectKubeforgeError(() => new Deployment(chart, 'f', { containers: [img] }).spread({ topologyKey: '' }), 'topologyKey is not a valid label key');
    expectKubeforgeError(() => new Deployment(chart, 'g', { containers: [img], topologySpreadConstraints: [{ topologyKey: 'zone', whenUnsatisfiable: 'Maybe' as never }] }), 'whenUnsatisfiable is not one of the allowed values');
  });
});

describe('priority, runtime class, ServiceAccount, pull secrets, readiness gates', () => {
  test('objects become names in the pod spec, on every pod-bearing kind', () => {
    const { app, chart } = newChart();
    const critical = new PriorityClass(chart, 'critical', { value: 1000 });
    const system = PriorityClass.fromName(chart, 'sys', 'system-cluster-critical');
    const sa = new ServiceAccount(chart, 'runner');
    const regA = new Secret(chart, 'reg-a', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } });
    const regB = Secret.fromName(chart, 'reg-b', 'shared-registry');
    const pod = { priorityClass: critical, runtimeClassName: 'gvisor', serviceAccount: sa, imagePullSecrets: [regA, regB], readinessGates: [{ conditionType: 'example.com/lb-ready' }] };
    new Pod(chart, 'pod', { ...pod, containers: [img] });
    new Deployment(chart, 'dep', { ...pod, priorityClass: system, containers: [img] });
    new StatefulSet(chart, 'sts', { ...pod, containers: [img] });
    new DaemonSet(chart, 'ds', { ...pod, containers: [img] });
    new Job(chart, 'job', { ...pod, containers: [job] });
    new CronJob(chart, 'cron', { ...pod, schedule: '@daily', containers: [job] });
    const objs = render(app).filter((o) => ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(o.kind));
    expect(objs).toHaveLength(6);
    const saName = oneOfKind(app, 'ServiceAccount').metadata.name;
    for (const o of objs) {
      const spec = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : podSpecOf(o);
      expect(spec.priorityClassName).toBe(o.kind === 'Deployment' ? 'system-cluster-critical' : critical.name);
      expect(spec.runtimeClassName).toBe('gvisor');
      expect(spec.serviceAccountName).toBe(saName);
      expect(spec.imagePullSecrets).toEqual([{ name: regA.name }, { name: 'shared-registry' }]);
      expect(spec.readinessGates).toEqual([{ conditionType: 'example.com/lb-ready' }]);
    }
  });

  test('serviceAccountName still works; both forms must agree', () => {
    const { app, chart } = newChart();
    new Pod(chart, 'p', { containers: [img], serviceAccountName: 'legacy' });
    expect(podSpecOf(oneOfKind(app, 'Pod')).serviceAccountName).toBe('legacy');
    const sa = ServiceAccount.fromName(chart, 'sa', 'builder');
    expectKubeforgeError(() => new Pod(chart, 'q', { containers: [img], serviceAccount: sa, serviceAccountName: 'other' }), 'test/q', 'name different accounts', 'remove serviceAccountName');
    expectKubeforgeError(() => new Pod(chart, 'r', { containers: [img], serviceAccountName: 'Not_Valid' }), 'serviceAccountName is not a valid ServiceAccount name');
  });

  test('a ServiceAccount or pull secret in another namespace fails synth', () => {
    const { app, chart } = newChart();
    const ns = new Namespace(chart, 'ns', { name: 'other' });
    const sa = new ServiceAccount(chart, 'sa', { namespace: ns });
    const reg = new Secret(chart, 'reg', { namespace: ns, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } });
    new Deployment(chart, 'web', { containers: [img], serviceAccount: sa, imagePullSecrets: [reg] });
    expectSynthError(app, 'test/web', 'runs as the ServiceAccount', 'test/sa', 'namespace other');
    expectSynthError(app, 'test/web', 'imagePullSecrets refers to', 'test/reg');
  });

  test('bad names, duplicates and non-objects are rejected', () => {
    const { chart } = newChart();
    const reg = Secret.fromName(chart, 'reg', 'registry');
    expectKubeforgeError(() => new Pod(chart, 'a', { containers: [img], runtimeClassName: 'G Visor' }), 'test/a', 'runtimeClassName is not a valid RuntimeClass name', 'G Visor');
    expectKubeforgeError(() => new Pod(chart, 'b', { containers: [img], imagePullSecrets: [reg, reg] }), 'listed twice', 'registry');
    expectKubeforgeError(() => new Pod(chart, 'c', { containers: [img], priorityClass: 'high' as never }), 'priorityClass must be a PriorityClass object');
    expectKubeforgeError(() => new Pod(chart, 'd', { containers: [img], serviceAccount: 'sa' as never }), 'serviceAccount must be a ServiceAccount object');
    expectKubeforgeError(() => new Pod(chart, 'e', { containers: [img], readinessGates: [{ conditionType: 'not valid' }] }), 'readinessGates[0].conditionType is not a valid condition type');
  });
});
