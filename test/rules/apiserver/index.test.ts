/** The API-server rule list: its metadata contract, its wiring into the engine, and robustness on garbage. */
import * as fc from 'fast-check';
import { APISERVER_RULES } from '../../../lib/rules/apiserver';
import { OBJECT_RULES, runObjectRules } from '../../../lib/rules';
import { fixtures, PATH } from './fixtures';

const IDS = ['object-metadata', 'selector-match', 'containers', 'container-resources', 'pod-volumes', 'probes', 'pod-scheduling', 'workload-spec', 'service-spec', 'pvc-spec', 'cronjob-schedule', 'hpa-spec', 'job-gated-fields', 'config-data', 'limit-range', 'resource-quota', 'core-objects', 'live-object-fields', 'list-map-keys', 'disabled-api', 'deprecated-api', 'ingress-spec', 'network-policy-spec', 'pdb-spec', 'rbac-spec', 'storage-spec', 'priority-class', 'runtime-class', 'webhook-config', 'service-cidr', 'crd-spec', 'pod-spec', 'security-context'];
/** The API lifecycle rules judge the apiVersion itself, like the schema's served-API checks: category schema. */
const LIFECYCLE: Record<string, string> = { 'disabled-api': 'error', 'deprecated-api': 'warning' };

describe('APISERVER_RULES', () => {
  test('lists every rule once, each an apiserver error rule with a description', () => {
    const ids = APISERVER_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...IDS].sort());
    for (const r of APISERVER_RULES) {
      if (LIFECYCLE[r.id]) expect(r).toMatchObject({ category: 'schema', defaultSeverity: LIFECYCLE[r.id] });
      else expect(r).toMatchObject({ category: 'apiserver', defaultSeverity: 'error' });
      expect(r.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  test('the engine runs them: a broken object is reported, and a rule switched off is not', () => {
    expect(OBJECT_RULES).toEqual(expect.arrayContaining([...APISERVER_RULES]));
    const pod = fixtures.pod();
    pod.spec.containers[0].ports[0].containerPort = 0;
    // Lint warnings (run-as-root, missing-limits, ...) come too; only the API-server findings are asserted here.
    const apiserver = (opts = {}) => runObjectRules(pod, PATH, opts).filter((i) => IDS.includes(i.ruleId));
    expect(apiserver().map((i) => i.ruleId)).toEqual(['containers']);
    expect(apiserver({ rules: { containers: 'off' } })).toEqual([]);
    expect(apiserver({ rules: { containers: 'warning' } })[0].severity).toBe('warning');
  });

  test.each(Object.entries(fixtures))('the valid %s fixture passes every rule', (_kind, make) => {
    expect(APISERVER_RULES.flatMap((r) => r.check(make(), PATH))).toEqual([]);
  });

  test('no rule throws on garbage, whatever the shape (property)', () => {
    const kinds = fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'HorizontalPodAutoscaler', 'Role');
    const g = fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withBoxedValues: true, withMap: true });
    const some = <T>(shape: Record<string, fc.Arbitrary<T>>) => fc.oneof(g, fc.record(shape, { requiredKeys: [] }));
    const container = some({ name: g, image: g, ports: fc.array(some({ containerPort: g, name: g, hostPort: g, protocol: g })), env: fc.array(g), resources: some({ requests: g, limits: g }), volumeMounts: fc.array(g), readinessProbe: g, lifecycle: g, restartPolicy: g });
    const podSpec = some({ containers: fc.array(container), initContainers: fc.array(container), volumes: fc.array(g), hostNetwork: g, restartPolicy: g });
    const template = some({ metadata: some({ labels: g, annotations: g }), spec: podSpec });
    const spec = some({
      selector: some({ matchLabels: g, matchExpressions: fc.array(g) }), template, jobTemplate: some({ spec: some({ template, selector: g }) }),
      ports: fc.array(some({ port: g, name: g, targetPort: g, nodePort: g, protocol: g })), metrics: fc.array(some({ type: g, resource: g, pods: g })),
      type: g, strategy: g, updateStrategy: g, schedule: g, timeZone: g, accessModes: g, resources: g, capacity: g, scaleTargetRef: g, behavior: g, maxReplicas: g,
    });
    fc.assert(
      fc.property(kinds, some({ name: g, generateName: g, namespace: g, labels: g, annotations: g }), spec, (kind, metadata, s) => {
        const obj = { apiVersion: 'v1', kind, metadata, spec: s };
        for (const r of APISERVER_RULES) expect(Array.isArray(r.check(obj, PATH))).toBe(true);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  test('no rule throws on non-object input', () => {
    for (const input of [null, undefined, 42, 'Pod', [], [{ kind: 'Pod' }]]) {
      for (const r of APISERVER_RULES) expect(() => r.check(input as any, PATH)).not.toThrow();
    }
  });
});
