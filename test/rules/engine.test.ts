/** The engine runs each object rule only on the kinds it declares; that must never lose a finding. */
import { OBJECT_RULES, runObjectRules, validateObjects } from '../../lib/rules';
import { Obj, broken, fixtures, podOf, PATH } from './apiserver/fixtures';

/** Objects of every kind the rules know, each broken so that several rules find something. */
function brokenSet(): Obj[] {
  const kinds = Object.values(fixtures).map((make) => make());
  const out: Obj[] = [];
  for (const o of kinds) {
    out.push(o);
    out.push(broken(o, (b) => {
      b.metadata.name = 'Not_A_Name';
      b.metadata.labels = { 'bad key!': 'x' };
      if (b.spec && ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(b.kind)) {
        const pod = podOf(b);
        pod.containers.push({ name: 'web', image: 'nginx', resources: { requests: { cpu: 'lots' } }, ports: [{ containerPort: 70000 }] });
        pod.containers[0].readinessProbe = { httpGet: { path: '/', port: 'nope' } };
      }
      if (b.kind === 'Service') b.spec.ports.push({ port: 0 });
      if (b.kind === 'PersistentVolumeClaim' || b.kind === 'PersistentVolume') b.spec.accessModes = ['Sometimes'];
      if (b.kind === 'HorizontalPodAutoscaler') b.spec.maxReplicas = 0;
      if (b.kind === 'CronJob') b.spec.schedule = 'often';
    }));
  }
  return out;
}

/** The same object under another kind, for rules that must then find nothing. */
const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob',
  'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'HorizontalPodAutoscaler', 'ConfigMap', 'Widget'];

describe('kind dispatch', () => {
  test('the engine finds exactly what every rule finds when run on every object', () => {
    const objects = brokenSet();
    let findings = 0;
    for (const o of objects) {
      const all = OBJECT_RULES.flatMap((r) => r.check(o, PATH));
      findings += all.length;
      expect(runObjectRules(o, PATH)).toEqual(all);
    }
    expect(findings).toBeGreaterThan(objects.length);
  });

  test('the twin: objects the API server accepts get no API-server finding either way', () => {
    const apiserver = new Set(OBJECT_RULES.filter((r) => r.category === 'apiserver').map((r) => r.id));
    for (const make of Object.values(fixtures)) {
      expect(runObjectRules(make(), PATH).filter((i) => apiserver.has(i.ruleId))).toEqual([]);
      expect(OBJECT_RULES.flatMap((r) => r.check(make(), PATH)).filter((i) => apiserver.has(i.ruleId))).toEqual([]);
    }
  });

  test('a rule with declared kinds finds nothing on any other kind, even where it finds something on its own', () => {
    for (const o of brokenSet()) {
      for (const r of OBJECT_RULES.filter((x) => x.kinds)) {
        for (const kind of KINDS.filter((k) => !r.kinds!.includes(k))) {
          expect([r.id, kind, r.check({ ...o, kind }, PATH)]).toEqual([r.id, kind, []]);
        }
      }
    }
  });

  test('objects without a string kind still get the rules for every kind', () => {
    const issues = runObjectRules({ metadata: { name: 'x' } }, PATH);
    expect(issues.map((i) => i.ruleId)).toEqual(['object-metadata']);
    expect(validateObjects([{ json: { kind: 7 }, constructPath: PATH }]).map((i) => i.ruleId)).toContain('object-metadata');
  });
});

describe('objects of an API the target version does not serve', () => {
  const hpaV2beta1 = {
    apiVersion: 'autoscaling/v2beta1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 50 } }],
    },
  };

  test('get the removed-api finding only, not the served API\'s rules misreading their fields', () => {
    const ids = validateObjects([{ json: hpaV2beta1, constructPath: 'c/hpa' }]).map((i) => i.ruleId);
    expect(ids).toContain('removed-api');
    expect(ids).not.toContain('hpa-spec'); // what the v2 rules would say about the v2beta1 metric shape
  });

  test('get the rules again once the apiVersion is fixed (here: the v2 metric has no target)', () => {
    const found = validateObjects([{ json: { ...hpaV2beta1, apiVersion: 'autoscaling/v2' }, constructPath: 'c/hpa' }]);
    expect(found.map((i) => i.ruleId)).toContain('hpa-spec');
    expect(found.map((i) => i.ruleId)).not.toContain('removed-api');
  });
});
