/** Property: random valid RBAC objects synthesize with no error; random broken ones never synthesize clean. */
import * as fc from 'fast-check';
import { ClusterRole, ClusterRoleBinding, Namespace, Role, RoleBinding, ServiceAccount, Subject } from '../../lib';
import { TestChart } from '../constructs/util';
import { buildClusterRoleApp, buildRoleApp, clusterRoleApp, makeSubjects, resourceRule, roleApp, subjects } from './policy-apps';
import { expectClean, expectRejected, outcome, RUNS } from './util';

describe('RBAC (property)', () => {
  test('valid Roles with rules, kinds and object targets, bound to random subjects, synthesize clean', () => {
    fc.assert(fc.property(roleApp, (app) => {
      expectClean(outcome((t) => buildRoleApp(t, app)));
    }), { seed: 6101, ...RUNS });
  });

  test('valid ClusterRoles with URL rules, bound cluster-wide and per namespace, synthesize clean', () => {
    fc.assert(fc.property(clusterRoleApp, (app) => {
      expectClean(outcome((t) => buildClusterRoleApp(t, app)));
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
