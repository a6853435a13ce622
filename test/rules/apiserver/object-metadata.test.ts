import { objectMetadataRule as rule, ANNOTATION_SIZE_LIMIT } from '../../../lib/rules/apiserver/object-metadata';
import { Obj, broken, expectOne, fixtures, run } from './fixtures';

describe('object-metadata', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['no apiVersion', broken(fixtures.pod(), (o) => void delete o.apiVersion), '', ['no apiVersion or kind']],
    ['no name and no generateName', broken(fixtures.pod(), (o) => void delete o.metadata.name), '/metadata/name', ['no metadata.name']],
    ['a Deployment name with "_"', broken(fixtures.deployment(), (o) => void (o.metadata.name = 'my_app')), '/metadata/name', ['"my_app"', 'DNS-1123 subdomain']],
    ['a Service name with a dot (DNS-1123 label)', broken(fixtures.service(), (o) => void (o.metadata.name = 'web.v2')), '/metadata/name', ['"web.v2"', 'DNS-1123 label']],
    ['only generateName (apply needs a name)', broken(fixtures.job(), (o) => { delete o.metadata.name; o.metadata.generateName = 'migrate-'; }), '/metadata/name', ['only metadata.generateName', 'kubectl create']],
    ['an unqualified finalizer on a built-in kind', broken(fixtures.pod(), (o) => void (o.metadata.finalizers = ['cleanup'])), '/metadata/finalizers/0', ['"cleanup"', 'domain prefix']],
    ['a finalizer with a bad name part', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', finalizers: ['example.com/-x'] } }, '/metadata/finalizers/0', ['"example.com/-x"']],
    ['orphan and foregroundDeletion together', broken(fixtures.pod(), (o) => void (o.metadata.finalizers = ['orphan', 'foregroundDeletion'])), '/metadata/finalizers', ['both set']],
    ['an owner reference with an empty uid', broken(fixtures.pod(), (o) => void (o.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: '' }])), '/metadata/ownerReferences/0/uid', ['uid is empty']],
    ['an owner reference apiVersion with two slashes', broken(fixtures.pod(), (o) => void (o.metadata.ownerReferences = [{ apiVersion: 'apps/v1/x', kind: 'ReplicaSet', name: 'web', uid: 'u1' }])), '/metadata/ownerReferences/0/apiVersion', ['"apps/v1/x"']],
    ['an Event as owner', broken(fixtures.pod(), (o) => void (o.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u1' }])), '/metadata/ownerReferences/0', ['Event']],
    ['two controller owners', broken(fixtures.pod(), (o) => void (o.metadata.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: 'u2', controller: true },
    ])), '/metadata/ownerReferences', ['only one owner reference', '"a"', '"b"']],
    ['a StatefulSet name with a dot (DNS-1123 label)', broken(fixtures.statefulSet(), (o) => void (o.metadata.name = 'db.main')), '/metadata/name', ['"db.main"', 'DNS-1123 label']],
    ['a CronJob name over 52 characters', broken(fixtures.cronJob(), (o) => void (o.metadata.name = 'r'.repeat(53))), '/metadata/name', ['53 characters', 'more than 52']],
    ['a Job name over 63 characters', broken(fixtures.job(), (o) => void (o.metadata.name = 'j'.repeat(64))), '/metadata/name', ['more than 63']],
    ['a Role name with "/"', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a/b' } }, '/metadata/name', ['"a/b"', 'path segment']],
    ['a generateName with "_"', broken(fixtures.job(), (o) => void (o.metadata.generateName = 'run_')), '/metadata/generateName', ['"run_"']],
    ['an invalid namespace', broken(fixtures.pod(), (o) => void (o.metadata.namespace = 'Team A')), '/metadata/namespace', ['"Team A"', 'DNS-1123 label']],
    ['a label value with a leading "-"', broken(fixtures.pod(), (o) => void (o.metadata.labels.tier = '-bad-')), '/metadata/labels/tier', ['tier="-bad-"']],
    ['a numeric label value (unquoted YAML)', broken(fixtures.pod(), (o) => void (o.metadata.labels.version = 2)), '/metadata/labels/version', ['version=2', 'must be a string']],
    ['a label key with two slashes', broken(fixtures.pod(), (o) => void (o.metadata.labels['a/b/c'] = 'x')), '/metadata/labels/a~1b~1c', ['"a/b/c"']],
    ['a pod template label value over 63 characters', broken(fixtures.deployment(), (o) => void (o.spec.template.metadata.labels.long = 'v'.repeat(64))), '/spec/template/metadata/labels/long', ['long=']],
    ['a CronJob pod template label', broken(fixtures.cronJob(), (o) => void (o.spec.jobTemplate.spec.template.metadata.labels['bad key'] = 'x')), '/spec/jobTemplate/spec/template/metadata/labels/bad key', ['"bad key"']],
    ['an annotation key with a space', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { 'my note': 'x' })), '/metadata/annotations/my note', ['"my note"']],
    ['a non-string annotation value', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { replicas: 3 })), '/metadata/annotations/replicas', ['non-string value 3']],
    ['annotations over 256 KiB', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { 'example.com/blob': 'x'.repeat(ANNOTATION_SIZE_LIMIT) })), '/metadata/annotations', ['262160 bytes', '256 KiB']],
    ['a selector matchLabels value with spaces', broken(fixtures.deployment(), (o) => void (o.spec.selector.matchLabels.app = 'my web')), '/spec/selector/matchLabels/app', ['app="my web"']],
    ['a selector operator in lower case', broken(fixtures.daemonSet(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'in', values: ['agent'] }])), '/spec/selector/matchExpressions/0/operator', ['"in"', 'In, NotIn, Exists, DoesNotExist']],
    ['In without values', broken(fixtures.daemonSet(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'In' }])), '/spec/selector/matchExpressions/0/values', ['In with no values']],
    ['Exists with values', broken(fixtures.daemonSet(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'Exists', values: ['x'] }])), '/spec/selector/matchExpressions/0/values', ['Exists with values']],
    ['metadata that is not an object', broken(fixtures.pod(), (o) => void (o.metadata = 'web')), '/metadata', ['must be an object']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  describe('valid twins the API server accepts', () => {
    test.each<[string, Obj]>([
      ['generateName with a trailing "-" next to a name', broken(fixtures.job(), (o) => void (o.metadata.generateName = 'migrate-'))],
      ['a Service name starting with a digit (DNS-1123 label since RelaxedServiceNameValidation)', broken(fixtures.service(), (o) => void (o.metadata.name = '1web'))],
      ['standard and qualified finalizers', broken(fixtures.pod(), (o) => void (o.metadata.finalizers = ['orphan', 'example.com/cleanup']))],
      ['an unqualified finalizer on a custom resource (only core groups limit them)', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', finalizers: ['cleanup'] } }],
      ['owner references with one controller', broken(fixtures.pod(), (o) => void (o.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u1', controller: true },
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: 'u2', controller: false },
      ]))],
      ['an RBAC name with ":"', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:controller:web' } }],
      ['a CronJob name of exactly 52 characters', broken(fixtures.cronJob(), (o) => void (o.metadata.name = 'r'.repeat(52)))],
      ['a Deployment name with dots', broken(fixtures.deployment(), (o) => void (o.metadata.name = 'web.v2'))],
      ['empty label values and prefixed keys', broken(fixtures.pod(), (o) => void (o.metadata.labels = { 'app.kubernetes.io/name': 'web', canary: '' }))],
      ['an annotation key in mixed case (checked lowercased)', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { 'Example.com/Owner': 'team-a' }))],
      ['an empty namespace (the default namespace)', broken(fixtures.pod(), (o) => void (o.metadata.namespace = ''))],
      ['a selector with valid expressions', broken(fixtures.daemonSet(), (o) => void (o.spec.selector.matchExpressions = [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'app', operator: 'Exists' }]))],
    ])('%s', (_title, obj) => {
      expect(run(rule, obj)).toEqual([]);
    });
  });
});

describe('object-metadata: Service names follow the target version\'s RelaxedServiceNameValidation gate', () => {
  const svc = () => broken(fixtures.service(), (o) => void (o.metadata.name = '1web'));

  test('1.36 and 1.37 (gate on by default) accept a leading digit', () => {
    expect(rule.check(svc(), 'p', { k8sVersion: '1.36' })).toEqual([]);
    expect(rule.check(svc(), 'p', { k8sVersion: '1.37' })).toEqual([]);
  });

  test('1.30 to 1.35 (gate off) reject it as a DNS-1035 label, and accept the same name without the digit', () => {
    for (const v of ['1.30', '1.35']) {
      const found = rule.check(svc(), 'p', { k8sVersion: v });
      expect(found.map((i) => i.jsonPointer)).toEqual(['/metadata/name']);
      expect(found[0].message).toContain('1web');
      expect(rule.check(broken(fixtures.service(), (o) => void (o.metadata.name = 'web1')), 'p', { k8sVersion: v })).toEqual([]);
    }
  });
});
