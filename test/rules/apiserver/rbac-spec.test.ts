import { rbacSpecRule as rule } from '../../../lib/rules/apiserver/rbac-spec';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const role = (mutate: (o: Obj) => void) => broken(groupFixtures.role(), (o) => void mutate(o));
const crole = (mutate: (o: Obj) => void) => broken(groupFixtures.clusterRole(), (o) => void mutate(o));
const rb = (mutate: (o: Obj) => void) => broken(groupFixtures.roleBinding(), (o) => void mutate(o));
const crb = (mutate: (o: Obj) => void) => broken(groupFixtures.clusterRoleBinding(), (o) => void mutate(o));

describe('rbac-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a rule with empty verbs', role((o) => void (o.rules[0].verbs = [])), '/rules/0/verbs', ['at least one verb']],
    ['a resource rule without apiGroups', role((o) => void delete o.rules[0].apiGroups), '/rules/0/apiGroups', ['no apiGroups']],
    ['a resource rule without resources', role((o) => void (o.rules[0].resources = [])), '/rules/0/resources', ['no resources']],
    ['non-resource URLs in a Role', role((o) => void (o.rules = [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }])), '/rules/0/nonResourceURLs', ['Role cannot grant']],
    ['a rule mixing resources and URLs', crole((o) => void (o.rules[1].resources = ['pods'])), '/rules/1/nonResourceURLs', ['resources']],
    ['an aggregation rule without selectors', crole((o) => void (o.aggregationRule.clusterRoleSelectors = [])), '/aggregationRule/clusterRoleSelectors', ['at least one']],
    ['an aggregation selector with a bad key', crole((o) => void (o.aggregationRule.clusterRoleSelectors[0] = { matchLabels: { 'bad key': 'x' } })), '/aggregationRule/clusterRoleSelectors/0/matchLabels/bad key', ['"bad key"']],
    ['a roleRef in another API group', rb((o) => void (o.roleRef.apiGroup = 'rbac.example.com')), '/roleRef/apiGroup', ['"rbac.example.com"']],
    ['a roleRef kind typo', rb((o) => void (o.roleRef.kind = 'role')), '/roleRef/kind', ['"role"']],
    ['a ClusterRoleBinding to a Role', crb((o) => void (o.roleRef.kind = 'Role')), '/roleRef/kind', ['ClusterRoleBinding']],
    ['an empty roleRef name', rb((o) => void (o.roleRef.name = '')), '/roleRef/name', ['empty']],
    ['a roleRef name with a slash', rb((o) => void (o.roleRef.name = 'a/b')), '/roleRef/name', ['"a/b"']],
    ['a ServiceAccount subject without namespace in a ClusterRoleBinding', crb((o) => void delete o.subjects[0].namespace), '/subjects/0/namespace', ['needs a namespace']],
    ['a ServiceAccount subject with the RBAC apiGroup', rb((o) => void (o.subjects[0].apiGroup = 'rbac.authorization.k8s.io')), '/subjects/0/apiGroup', ['must be empty']],
    ['a ServiceAccount name with upper case', rb((o) => void (o.subjects[0].name = 'Deployer')), '/subjects/0/name', ['"Deployer"']],
    ['a User subject in the core group', rb((o) => void (o.subjects[1].apiGroup = 'v1')), '/subjects/1/apiGroup', ['"v1"']],
    ['an unknown subject kind', rb((o) => void (o.subjects[2].kind = 'Team')), '/subjects/2/kind', ['"Team"']],
    ['an empty subject name', rb((o) => void (o.subjects[1].name = '')), '/subjects/1/name', ['empty']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a Role without rules', role((o) => void (o.rules = []))],
    ['a wildcard rule', role((o) => void (o.rules = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]))],
    ['a RoleBinding to a ClusterRole', rb((o) => void (o.roleRef.kind = 'ClusterRole'))],
    ['a roleRef without apiGroup (defaulted)', rb((o) => void delete o.roleRef.apiGroup)],
    ['User and Group names with any characters', rb((o) => void (o.subjects = [{ kind: 'User', name: 'alice@example.com' }, { kind: 'Group', name: 'system:masters' }]))],
    ['an aggregated ClusterRole without rules', crole((o) => void delete o.rules)],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const kind of ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']) {
      for (const extra of [{ rules: 'x' }, { rules: [null, 5, { nonResourceURLs: 'x' }] }, { roleRef: 'x', subjects: [null, 5] }, { aggregationRule: { clusterRoleSelectors: [null] } }]) {
        expect(() => run(rule, { kind, ...extra })).not.toThrow();
      }
    }
  });
});
