/** Property: random valid RBAC objects synthesize with no error; random broken ones never synthesize clean. */
import * as fc from 'fast-check';
import { ApiResource, ClusterRole, ClusterRoleBinding, ISubject, Namespace, PolicyRule, Role, RoleBinding, ServiceAccount, Subject, Secret } from '../../lib';
import { TestChart } from '../constructs/util';
import { expectClean, expectRejected, outcome, RUNS } from './util';

const KINDS = ['Pod', 'Service', 'ConfigMap', 'Secret', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy',
  'StorageClass', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'PriorityClass', 'Role', 'RoleBinding', 'Lease', 'Event', 'Endpoints', 'ServiceAccount'];
const dns = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const verbs = fc.subarray(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], { minLength: 1 });
const resource = fc.oneof(
  fc.constantFrom(...KINDS).map((k) => ApiResource.ofKind(k)),
  fc.tuple(fc.stringMatching(/^[A-Z][a-z]{1,8}y?$/), dns).map(([k, g]) => ApiResource.ofKind(k, `${g}.example.com`)),
  fc.constantFrom('log', 'exec', 'status').map((s) => ApiResource.ofKind('Pod').sub(s)),
);
const resourceRule: fc.Arbitrary<PolicyRule> = fc.record({
  verbs,
  apiGroups: fc.subarray(['', 'apps', 'batch', 'networking.k8s.io', '*'], { minLength: 1 }),
  resources: fc.subarray(['pods', 'deployments', 'jobs', 'ingresses', 'pods/log', '*'], { minLength: 1 }),
  resourceNames: fc.option(fc.array(dns, { minLength: 1, maxLength: 3 }), { nil: undefined }),
});
const urlRule: fc.Arbitrary<PolicyRule> = fc.record({ verbs: fc.constant(['get']), nonResourceURLs: fc.array(fc.stringMatching(/^\/[a-z]{1,8}(\/\*)?$/), { minLength: 1, maxLength: 3 }) });

type SubjectSpec = { kind: 'sa' | 'user' | 'group'; name: string };
const subjects = fc.array(fc.record({ kind: fc.constantFrom('sa', 'user', 'group') as fc.Arbitrary<SubjectSpec['kind']>, name: dns }), { minLength: 1, maxLength: 4 });
function makeSubjects(t: TestChart, specs: SubjectSpec[], ns?: Namespace): ISubject[] {
  return specs.map((s, i) => (s.kind === 'sa' ? new ServiceAccount(t.chart, `sa${i}`, { namespace: ns }) : s.kind === 'user' ? Subject.user(`${s.name}@example.com`) : Subject.group(s.name)));
}

describe('RBAC (property)', () => {
  test('valid Roles with rules, kinds and object targets, bound to random subjects, synthesize clean', () => {
    fc.assert(fc.property(fc.array(resourceRule, { maxLength: 3 }), fc.array(resource, { maxLength: 4 }), verbs, subjects, fc.boolean(), (rules, targets, vs, subs, bindByMethod) => {
      expectClean(outcome((t) => {
        const role = new Role(t.chart, 'role', { rules });
        role.allow(vs, ...targets);
        role.allowRead(new Secret(t.chart, 'secret', { stringData: { k: 'v' } }));
        const s = makeSubjects(t, subs);
        if (bindByMethod) role.bind(...s);
        else new RoleBinding(t.chart, 'rb', { role, subjects: s });
      }));
    }), { seed: 6101, ...RUNS });
  });

  test('valid ClusterRoles with URL rules, bound cluster-wide and per namespace, synthesize clean', () => {
    fc.assert(fc.property(fc.array(fc.oneof(resourceRule, urlRule), { maxLength: 4 }), fc.array(resource, { maxLength: 3 }), subjects, (rules, targets, subs) => {
      expectClean(outcome((t) => {
        const ns = new Namespace(t.chart, 'ns');
        const cr = new ClusterRole(t.chart, 'cr', { rules });
        cr.allowReadWrite(...targets);
        cr.bind(...makeSubjects(t, subs, ns));
        cr.bindInNamespace(ns, Subject.group('devs'));
        new ClusterRoleBinding(t.chart, 'view', { role: ClusterRole.fromName(t.chart, 'viewRole', 'view'), subjects: [Subject.user('u')] });
      }));
    }), { seed: 6102, ...RUNS });
  });

  const breakages: [string, (t: TestChart) => void][] = [
    ['no verbs', (t) => new Role(t.chart, 'r', { rules: [{ verbs: [], apiGroups: [''], resources: ['pods'] }] })],
    ['singular resource', (t) => new Role(t.chart, 'r', { rules: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployment'] }] })],
    ['no API group', (t) => new Role(t.chart, 'r', { rules: [{ verbs: ['get'], resources: ['pods'] }] })],
    ['no resources', (t) => new Role(t.chart, 'r', { rules: [{ verbs: ['get'], apiGroups: [''] }] })],
    ['URL in a Role', (t) => new Role(t.chart, 'r', { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] })],
    ['URL without slash', (t) => new ClusterRole(t.chart, 'r').allowNonResourceURLs(['get'], 'metrics')],
    ['URL and resources', (t) => new ClusterRole(t.chart, 'r', { rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/x'] }] })],
    ['Role in a ClusterRoleBinding', (t) => new ClusterRoleBinding(t.chart, 'b', { role: new Role(t.chart, 'r'), subjects: [Subject.user('u')] })],
    ['binding without subjects', (t) => new RoleBinding(t.chart, 'b', { role: new Role(t.chart, 'r') })],
    ['namespace-less SA cluster-wide', (t) => new ClusterRole(t.chart, 'r').bind(new ServiceAccount(t.chart, 'sa'))],
    ['Role in another namespace', (t) => new RoleBinding(t.chart, 'b', { role: new Role(t.chart, 'r', { namespace: new Namespace(t.chart, 'a') }), subjects: [Subject.user('u')], namespace: new Namespace(t.chart, 'b2') })],
    ['empty user', () => Subject.user('')],
  ];

  test('one random breakage in an otherwise valid app never synthesizes clean', () => {
    fc.assert(fc.property(fc.constantFrom(...breakages), fc.array(resourceRule, { maxLength: 2 }), subjects, ([, broken], rules, subs) => {
      expectRejected(outcome((t) => {
        const ok = new Role(t.chart, 'ok', { rules });
        ok.bind(...makeSubjects(t, subs));
        broken(t);
      }));
    }), { seed: 6103, ...RUNS });
  });
});
