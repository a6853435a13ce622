/** The README's catalogue rows, written as code: if an API in them changes, this fails. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ApiObject, ApiResource, ConfigMap, CronJob, DownwardApiFile, Include, JsonPatch, Lifecycle, ProjectionSource, StorageClass, Volume, DaemonSet, DaemonSetUpdateStrategy, Deployment, Ingress, IngressBackend, IngressClass, Job, LimitRange, Namespace,
  NetworkPolicy, NetworkPolicyPeer, PodDisruptionBudget, PriorityClass, ResourceQuota, Role, Secret, ServiceAccount, StatefulSet,
} from '../../lib';
import { newChart, render } from './util';

test('the Ingress, IngressClass and NetworkPolicy examples of the README synthesize cleanly', () => {
  const { app, chart } = newChart();
  const ns = new Namespace(chart, 'team', { name: 'team' });
  const web = new Deployment(chart, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
  const frontend = new Deployment(chart, 'frontend', { namespace: ns, containers: [{ image: 'nginx:1.27' }] });
  const svc = web.exposeViaService({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  const tlsSecret = new Secret(chart, 'tls', { namespace: ns, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
  const ingressClass = new IngressClass(chart, 'nginx', { controller: 'k8s.io/ingress-nginx', isDefaultClass: true });
  const ing = new Ingress(chart, 'ing', { namespace: ns, ingressClass });
  ing.addRule('shop.example.com', '/api', IngressBackend.service(svc, 'http'));
  ing.addTls({ hosts: ['shop.example.com'], secret: tlsSecret });
  new NetworkPolicy(chart, 'allow', { podSelector: web }).allowFrom(frontend, { port: 'http' });
  NetworkPolicy.denyAll(chart, 'isolate', { namespace: ns });
  new NetworkPolicy(chart, 'ext', { podSelector: web }).allowFrom(NetworkPolicyPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']));
  const kinds = render(app).map((o) => o.kind);
  expect(kinds.filter((k) => k === 'NetworkPolicy')).toHaveLength(3);
  expect(kinds).toEqual(expect.arrayContaining(['Ingress', 'IngressClass']));
});

test('the workload, RBAC and policy examples of the README synthesize cleanly', () => {
  const { app, chart } = newChart();
  const img = { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] };
  const db = new StatefulSet(chart, 'db', { replicas: 3, containers: [{ image: 'postgres:17', ports: [{ containerPort: 5432, name: 'pg' }] }] });
  db.containers[0].mount('/var/lib/postgresql', db.addVolumeClaimTemplate('data', { storage: '10Gi' }));
  db.exposeViaHeadlessService();
  new DaemonSet(chart, 'agent', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 }), containers: [img] });
  new Job(chart, 'migrate', { completions: 1, backoffLimit: 2, ttlSecondsAfterFinished: 600, containers: [{ image: 'busybox:1.36', command: ['true'] }] });
  new CronJob(chart, 'report', { schedule: '0 3 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', containers: [{ image: 'busybox:1.36', command: ['true'] }] });
  const web = new Deployment(chart, 'web', { replicas: 3, containers: [img] });
  const sa = new ServiceAccount(chart, 'reader');
  const role = new Role(chart, 'read-web');
  role.allowRead(ApiResource.ofKind('Deployment'), ApiResource.ofKind('HorizontalPodAutoscaler'));
  role.bind(sa);
  new PodDisruptionBudget(chart, 'web-pdb', { target: web, maxUnavailable: 1 });
  new ResourceQuota(chart, 'quota', { hard: { 'requests.cpu': '10', 'limits.memory': '20Gi', pods: '50' } });
  new LimitRange(chart, 'limits', { container: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '256Mi' } } });
  new PriorityClass(chart, 'critical', { value: 100000, description: 'user-facing' });
  const objs = render(app);
  const rules: { apiGroups: string[]; resources: string[] }[] = objs.find((o) => o.kind === 'Role')!.rules;
  // Plural resource names, each in its own API group (cdk8s-plus writes singulars).
  expect(rules.map((r) => [r.apiGroups, r.resources])).toEqual(expect.arrayContaining([[['apps'], ['deployments']], [['autoscaling'], ['horizontalpodautoscalers']]]));
  expect(objs.map((o) => o.kind)).toEqual(expect.arrayContaining(['StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'RoleBinding', 'ServiceAccount', 'PodDisruptionBudget', 'ResourceQuota', 'LimitRange', 'PriorityClass']));
});

test('the scheduling, sidecar and volume examples of the README synthesize cleanly', () => {
  const { app, chart } = newChart();
  const cache = new Deployment(chart, 'cache', { containers: [{ image: 'redis:7.4', port: 6379 }] });
  const critical = new PriorityClass(chart, 'critical', { value: 100000, description: 'user-facing' });
  const reader = new ServiceAccount(chart, 'reader', { automountServiceAccountToken: false });
  const web = new Deployment(chart, 'web', {
    containers: [{ image: 'nginx:1.27', name: 'app', ports: [{ containerPort: 8080, name: 'http' }], lifecycle: { preStop: Lifecycle.sleep(5), postStart: Lifecycle.httpGet('/warm', { port: 'http' }) } }],
    priorityClass: critical,
    serviceAccount: reader,
    affinity: {
      nodeAffinity: {
        required: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
        preferred: [{ weight: 50, matchExpressions: [{ key: 'example.com/cores', operator: 'Gt', values: ['8'] }] }],
      },
      podAffinity: { preferred: [{ weight: 80, pods: cache, topologyKey: 'kubernetes.io/hostname' }] },
    },
    tolerations: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }],
  });
  web.spread();
  web.addAffinity({ podAntiAffinity: { preferred: [{ weight: 100, pods: web, topologyKey: 'kubernetes.io/hostname' }] } });
  web.addToleration({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 });
  web.addSidecar({ image: 'fluent/fluent-bit:3.1', name: 'logs' });
  const config = new ConfigMap(chart, 'config', { data: { 'app.yaml': 'a: 1' } });
  const creds = new Secret(chart, 'creds', { stringData: { password: 'p' } });
  const fast = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
  const main = web.containers[0];
  main.mount('/etc/podinfo', Volume.fromDownwardApi('podinfo', [
    DownwardApiFile.field('labels', 'metadata.labels'),
    DownwardApiFile.resource('mem-limit', 'limits.memory', { containerName: 'app', divisor: '1Mi' }),
  ]));
  main.mount('/var/run/secrets/app', Volume.fromProjected('bundle', [
    ProjectionSource.configMap(config, { items: { 'app.yaml': 'config/app.yaml' } }),
    ProjectionSource.secret(creds),
    ProjectionSource.serviceAccountToken({ path: 'vault-token', audience: 'vault', expirationSeconds: 3600 }),
  ], { defaultMode: 0o440 }));
  main.mount('/scratch', Volume.fromEphemeral('scratch', { storage: '20Gi', storageClass: fast }));
  const dep = render(app).find((o) => o.kind === 'Deployment' && o.metadata.name.includes('web'))!;
  const spec = dep.spec.template.spec;
  expect(Object.keys(spec)).toEqual(expect.arrayContaining(['affinity', 'tolerations', 'topologySpreadConstraints', 'priorityClassName', 'serviceAccountName', 'initContainers']));
  expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['podinfo', 'bundle', 'scratch']);
});

test('the Include examples of the README synthesize cleanly and keep the file\'s fields', () => {
  const { app, chart } = newChart();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-readme-'));
  fs.mkdirSync(path.join(dir, 'manifests'));
  fs.copyFileSync(path.resolve(__dirname, '../../../test/fixtures/include/legacy.yaml'), path.join(dir, 'manifests/legacy.yaml'));
  const cwd = process.cwd();
  process.chdir(dir);
  let legacy: Include;
  try {
    legacy = new Include(chart, 'legacy', { path: 'manifests/legacy.yaml' });
  } finally {
    process.chdir(cwd);
  }
  const web = legacy.find('Deployment', 'legacy-web');
  web.set('/spec/replicas', 3);
  web.set('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', 1);
  web.patch((d: any) => { d.spec.minReadySeconds = 5; });
  ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/runtimeClassName', 'nvidia'));
  web.metadata.addLabel('example.com/owner', 'ml-team');
  const d = render(app).find((o) => o.kind === 'Deployment')!;
  expect(d.spec).toMatchObject({ replicas: 3, minReadySeconds: 5, revisionHistoryLimit: 3, template: { spec: { runtimeClassName: 'nvidia' } } });
  expect(d.spec.template.spec.containers[0].resources.limits).toEqual({ memory: '256Mi', 'nvidia.com/gpu': 1 });
  expect(d.metadata.labels).toEqual({ app: 'legacy-web', 'example.com/owner': 'ml-team' });
});
