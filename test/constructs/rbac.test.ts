import {
  ApiResource, ClusterRole, ClusterRoleBinding, Deployment, HorizontalPodAutoscaler, Namespace, Role, RoleBinding, Secret, ServiceAccount, Subject, pluralOf,
} from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, objectsOfKind, oneOfKind, render } from './util';

const nginx = { image: 'nginx:1.27', ports: [{ containerPort: 80 }] };

describe('ApiResource', () => {
  test('built-in kinds map to their plural resource and API group', () => {
    const cases: [string, string, string][] = [
      ['Pod', '', 'pods'], ['HorizontalPodAutoscaler', 'autoscaling', 'horizontalpodautoscalers'], ['Ingress', 'networking.k8s.io', 'ingresses'],
      ['NetworkPolicy', 'networking.k8s.io', 'networkpolicies'], ['StorageClass', 'storage.k8s.io', 'storageclasses'], ['Deployment', 'apps', 'deployments'],
      ['Endpoints', '', 'endpoints'], ['PodDisruptionBudget', 'policy', 'poddisruptionbudgets'], ['PriorityClass', 'scheduling.k8s.io', 'priorityclasses'],
    ];
    for (const [kind, group, plural] of cases) expect(ApiResource.ofKind(kind)).toMatchObject({ apiGroup: group, resource: plural });
  });

  test('other kinds need a group and get the English plural', () => {
    expect(ApiResource.ofKind('Certificate', 'cert-manager.io')).toMatchObject({ apiGroup: 'cert-manager.io', resource: 'certificates' });
    expect(ApiResource.of({ apiVersion: 'example.com/v1', kind: 'Policy' })).toMatchObject({ apiGroup: 'example.com', resource: 'policies' });
    expect([pluralOf('Gateway'), pluralOf('Class'), pluralOf('Box')]).toEqual(['gateways', 'classes', 'boxs']);
    expectKubeforgeError(() => ApiResource.ofKind('Widget'), 'Widget', 'apiGroup');
    expectKubeforgeError(() => ApiResource.custom('', 'Pods'), '"Pods"', 'plural');
    expect(ApiResource.ofKind('Pod').sub('log').resource).toBe('pods/log');
  });
});

describe('Role and ClusterRole', () => {
  test('allowRead on kinds and objects emits plural resources, groups and resourceNames', () => {
    const { app, chart } = newChart();
    const web = new Deployment(chart, 'web', { containers: [nginx] });
    const hpa = new HorizontalPodAutoscaler(chart, 'hpa', { target: web, maxReplicas: 3, cpuUtilization: 50 });
    const role = new Role(chart, 'reader');
    role.allowRead(ApiResource.ofKind('Pod'), web, hpa);
    role.allowReadWrite(ApiResource.ofKind('ConfigMap'));
    const out = objectsOfKind(app, 'Role')[0];
    expect(out.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(out.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: [web.name], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], resourceNames: [hpa.name], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
    ]);
  });

  test('raw rules are checked like the API server does, singular resources included', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Role(chart, 'a', { rules: [{ verbs: [], apiGroups: [''], resources: ['pods'] }] }), 'test/a', 'verb');
    expectKubeforgeError(() => new Role(chart, 'b', { rules: [{ verbs: ['get'], resources: ['pods'] }] }), 'test/b', 'API group');
    expectKubeforgeError(() => new Role(chart, 'c', { rules: [{ verbs: ['get'], apiGroups: ['autoscaling'], resources: ['horizontalpodautoscaler'] }] }), 'test/c', 'singular', 'horizontalpodautoscalers');
    expectKubeforgeError(() => new Role(chart, 'd', { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }), 'test/d', 'ClusterRole');
    expectKubeforgeError(() => new ClusterRole(chart, 'e', { rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/metrics'] }] }), 'test/e', 'both');
    expectKubeforgeError(() => new ClusterRole(chart, 'f').allowNonResourceURLs(['get'], 'metrics'), 'test/f', '"metrics"');
  });

  test('a ClusterRole grants non-resource URLs and renders clean without a namespace', () => {
    const { app, chart } = newChart({ namespace: 'apps' });
    const cr = new ClusterRole(chart, 'scraper');
    cr.allowNonResourceURLs(['get'], '/metrics', '/healthz/*');
    cr.allowRead(ApiResource.ofKind('Node'));
    const out = oneOfKind(app, 'ClusterRole');
    expect(out.metadata).not.toHaveProperty('namespace');
    expect(out.rules[0]).toEqual({ nonResourceURLs: ['/metrics', '/healthz/*'], verbs: ['get'] });
  });

  test('a Role granting access to an object in another namespace is a synth error', () => {
    const { app, chart } = newChart();
    const a = new Namespace(chart, 'a');
    const b = new Namespace(chart, 'b');
    const web = new Deployment(chart, 'web', { namespace: a, containers: [nginx] });
    new Role(chart, 'r', { namespace: b }).allowRead(web);
    expectSynthError(app, 'test/r', 'grants access to', 'test/web');
  });
});

describe('RoleBinding and ClusterRoleBinding', () => {
  test('role.bind(sa, user, group) emits roleRef and subjects in the role namespace', () => {
    const { app, chart } = newChart({ namespace: 'team' });
    const sa = new ServiceAccount(chart, 'bot');
    const role = new Role(chart, 'reader');
    role.allowRead(ApiResource.ofKind('Pod'));
    const rb = role.bind(sa, Subject.user('alice@example.com'), Subject.group('devs'));
    expect(rb).toBeInstanceOf(RoleBinding);
    const out = oneOfKind(app, 'RoleBinding');
    expect(out.metadata.namespace).toBe('team');
    expect(out.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name });
    expect(out.subjects).toEqual([
      { kind: 'ServiceAccount', name: sa.name, namespace: 'team' },
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice@example.com' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    ]);
  });

  test('a ClusterRole binds cluster-wide or in one namespace; built-in roles by name', () => {
    const { app, chart } = newChart();
    const ns = new Namespace(chart, 'ns');
    const sa = new ServiceAccount(chart, 'bot', { namespace: ns });
    const cr = new ClusterRole(chart, 'cr');
    cr.allowRead(ApiResource.ofKind('Namespace'));
    expect(cr.bind(sa)).toBeInstanceOf(ClusterRoleBinding);
    cr.bindInNamespace(ns, sa);
    new RoleBinding(chart, 'view', { role: ClusterRole.fromName(chart, 'view-role', 'view'), subjects: [sa], namespace: ns });
    const crb = oneOfKind(app, 'ClusterRoleBinding');
    expect(crb.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.name, namespace: ns.name }]);
    const [inNs, view] = objectsOfKind(app, 'RoleBinding');
    expect(inNs.metadata.namespace).toBe(ns.name);
    expect(inNs.roleRef.kind).toBe('ClusterRole');
    expect(view.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
  });

  test('bad bindings are rejected: Role in a ClusterRoleBinding, SA without namespace cluster-wide, non-subjects', () => {
    const { chart } = newChart();
    const role = new Role(chart, 'r');
    expectKubeforgeError(() => new ClusterRoleBinding(chart, 'crb', { role, subjects: [Subject.group('g')] }), 'test/crb', 'only grant a ClusterRole');
    const sa = new ServiceAccount(chart, 'sa');
    expectKubeforgeError(() => new ClusterRole(chart, 'cr').bind(sa), 'test/cr/binding', 'no namespace');
    expectKubeforgeError(() => new RoleBinding(chart, 'rb', { role, subjects: ['alice' as never] }), 'test/rb', '"alice"', 'Subject.user');
    expectKubeforgeError(() => Subject.user(''), 'Subject.user', 'name');
  });

  test('a binding without subjects, or to a Role in another namespace, is a synth error', () => {
    const { app, chart } = newChart();
    const role = new Role(chart, 'r', { namespace: new Namespace(chart, 'a') });
    new RoleBinding(chart, 'empty', { role, namespace: Namespace.fromName(chart, 'x', role.metadata.namespace!) });
    new RoleBinding(chart, 'elsewhere', { role, subjects: [Subject.user('u')], namespace: new Namespace(chart, 'b') });
    expectSynthError(app, 'test/empty', 'no subjects');
    expectSynthError(app, 'test/elsewhere', 'binds the Role');
  });
});

describe('ServiceAccount', () => {
  test('automountServiceAccountToken and image pull secrets are emitted', () => {
    const { app, chart } = newChart();
    const pull = new Secret(chart, 'pull', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } });
    const sa = new ServiceAccount(chart, 'bot', { automountServiceAccountToken: false, imagePullSecrets: [pull] });
    sa.addImagePullSecret(Secret.fromName(chart, 'ext', 'registry-creds'));
    new Deployment(chart, 'web', { containers: [nginx], serviceAccountName: sa.name });
    const out = oneOfKind(app, 'ServiceAccount');
    expect(out.automountServiceAccountToken).toBe(false);
    expect(out.imagePullSecrets).toEqual([{ name: pull.name }, { name: 'registry-creds' }]);
    expect(oneOfKind(app, 'Deployment').spec.template.spec.serviceAccountName).toBe(sa.name);
  });

  test('defaults: nothing but metadata', () => {
    const { app, chart } = newChart();
    new ServiceAccount(chart, 'bot');
    const out = render(app).find((o) => o.kind === 'ServiceAccount')!;
    expect(Object.keys(out).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
  });

  test('bad input: duplicate or non-Secret pull secrets, non-boolean automount, pull secret in another namespace', () => {
    const { app, chart } = newChart();
    const s = Secret.fromName(chart, 's', 'creds');
    expectKubeforgeError(() => new ServiceAccount(chart, 'a', { imagePullSecrets: [s, s] }), 'test/a', 'twice', 'creds');
    expectKubeforgeError(() => new ServiceAccount(chart, 'b', { automountServiceAccountToken: 'no' as never }), 'test/b', '"no"');
    expectKubeforgeError(() => new ServiceAccount(chart, 'c', { imagePullSecrets: ['creds' as never] }), 'test/c', 'Secret');
    const other = new Secret(chart, 'other', { namespace: new Namespace(chart, 'o'), stringData: { a: 'b' } });
    new ServiceAccount(chart, 'd', { imagePullSecrets: [other] });
    expectSynthError(app, 'test/d', 'image pull secret');
  });
});
