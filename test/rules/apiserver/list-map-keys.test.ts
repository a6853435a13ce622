import { listMapKeysRule as rule } from '../../../lib/rules/apiserver/list-map-keys';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const c0 = (o: Obj): Obj => podOf(o).containers[0];
const CONTAINER = '/spec/template/spec/containers/0';

describe('list-map-keys', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['two env variables with the same name', broken(fixtures.deployment(), (o) => void (c0(o).env = [{ name: 'MODE', value: 'a' }, { name: 'X', value: '1' }, { name: 'MODE', value: 'b' }])),
      `${CONTAINER}/env/2`, ['env[2]', `${CONTAINER}/env/2`, 'env[0]', `${CONTAINER}/env/0`, 'name="MODE"', 'server-side apply']],
    ['two ports with the same number, one relying on the TCP default', broken(fixtures.deployment(), (o) => void (c0(o).ports = [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP', name: 'http' }])),
      `${CONTAINER}/ports/1`, ['containerPort=80', 'protocol="TCP"', 'ports[0]', 'containerPort + protocol']],
    ['two volumes with the same name', broken(fixtures.pod(), (o) => void o.spec.volumes.push({ name: 'config', emptyDir: {} })),
      '/spec/volumes/1', ['volumes[1]', 'volumes[0]', 'name="config"']],
    ['two containers with the same name in a CronJob', broken(fixtures.cronJob(), (o) => void podOf(o).containers.push({ name: 'web', image: 'busybox' })),
      '/spec/jobTemplate/spec/template/spec/containers/1', ['containers[1]', 'name="web"']],
    ['two Service ports with the same port and protocol', broken(fixtures.service(), (o) => void (o.spec.ports = [{ name: 'a', port: 80, protocol: 'UDP' }, { name: 'b', port: 80, protocol: 'UDP' }])),
      '/spec/ports/1', ['port=80', 'protocol="UDP"']],
    ['a finalizer listed twice (a set)', broken(fixtures.pvc(), (o) => void (o.metadata.finalizers = ['example.com/a', 'example.com/a'])),
      '/metadata/finalizers/1', ['finalizers[1]', 'finalizers[0]', '"example.com/a"', 'set']],
    ['a null env item', broken(fixtures.deployment(), (o) => void (c0(o).env = [null])), `${CONTAINER}/env/0`, ['env[0] is null']],
    ['a ServiceAccount secret reference without a name (the key field, which has no default)',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' }, secrets: [{ name: 'token' }, { namespace: 'default' }] },
      '/secrets/1', ['secrets[1] has none of the key fields name']],
    ['a duplicate hidden in an init container of a ReplicaSet-like template (Job)', broken(fixtures.job(), (o) => void (podOf(o).initContainers = [{ name: 'init', image: 'busybox', env: [{ name: 'A' }, { name: 'A', value: '' }] }])),
      '/spec/template/spec/initContainers/0/env/1', ['name="A"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test('each further duplicate is its own finding, naming the first item', () => {
    const obj = broken(fixtures.deployment(), (o) => void (c0(o).env = [{ name: 'A' }, { name: 'A' }, { name: 'A' }]));
    const issues = run(rule, obj);
    expect(issues.map((i) => i.jsonPointer)).toEqual([`${CONTAINER}/env/1`, `${CONTAINER}/env/2`]);
    expect(issues[1].message).toContain('env[0]');
    expect(issues[0].fix).toContain('another name');
  });

  test.each<[string, Obj]>([
    ['the same port number with different protocols', broken(fixtures.deployment(), (o) => void (c0(o).ports = [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }]))],
    ['the same env name in two containers', broken(fixtures.pod(), (o) => {
      o.spec.containers[0].env = [{ name: 'A' }];
      o.spec.containers.push({ name: 'side', image: 'busybox', env: [{ name: 'A' }] });
    })],
    ['a ServiceAccount secret reference by name', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' }, secrets: [{ name: 'token' }, { name: 'other' }] }],
    ['a topology spread constraint without either key field (both default to "")', broken(fixtures.statefulSet(), (o) => void (podOf(o).topologySpreadConstraints = [{ maxSkew: 1 }]))],
    ['distinct finalizers', broken(fixtures.pvc(), (o) => void (o.metadata.finalizers = ['example.com/a', 'example.com/b']))],
    ['a topology spread constraint without whenUnsatisfiable (keyed by its default "")', broken(fixtures.statefulSet(), (o) => void (podOf(o).topologySpreadConstraints = [
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 1, topologyKey: 'zone' }]))],
    ['an atomic list with repeated values (container args)', broken(fixtures.deployment(), (o) => void (c0(o).args = ['-v', '-v']))],
    ['duplicate keys in labels (a map, not a list)', broken(fixtures.deployment(), (o) => void (o.metadata.labels = { a: 'x', b: 'x' }))],
    ['a port number as a string and as a number (different key types)', broken(fixtures.service(), (o) => void (o.spec.ports = [{ name: 'a', port: 80 }, { name: 'b', port: '80' }]))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('an exact integer read as a bigint keys like the same number', () => {
    const obj = broken(fixtures.deployment(), (o) => void (c0(o).ports = [{ containerPort: 80 }, { containerPort: BigInt(80) }]));
    expectOne(rule, obj, `${CONTAINER}/ports/1`, 'containerPort=80');
  });

  test('the schema of the target version decides: a list that only newer minors have is left to the schema rule in older ones', () => {
    // Container.restartPolicyRules (exit codes: a set of values) came with 1.34.
    const obj = broken(fixtures.pod(), (o) => void (o.spec.containers[0].restartPolicyRules = [
      { action: 'Restart', exitCodes: { operator: 'In', values: [42, 42] } }]));
    const pointer = '/spec/containers/0/restartPolicyRules/0/exitCodes/values/1';
    expect(rule.check(obj, 'p', { k8sVersion: '1.37' }).map((i) => i.jsonPointer)).toEqual([pointer]);
    expect(rule.check(obj, 'p', { k8sVersion: '1.34' }).map((i) => i.jsonPointer)).toEqual([pointer]);
    expect(rule.check(obj, 'p', { k8sVersion: '1.33' })).toEqual([]);
    expect(rule.check(obj, 'p', { k8sVersion: '1.30' })).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['a non-object', 'text'],
    ['an object without apiVersion', { kind: 'Pod' }],
    ['an unserved kind', { apiVersion: 'example.com/v1', kind: 'Widget', spec: { env: [{ name: 'a' }, { name: 'a' }] } }],
    ['a list that is not an array', broken(fixtures.deployment(), (o) => void (c0(o).env = 'A=1'))],
    ['items that are not objects', broken(fixtures.deployment(), (o) => void (c0(o).env = ['A', 'A']))],
  ])('never throws on %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
