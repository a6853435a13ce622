/**
 * A small platform namespace that uses every kind of the construct catalogue beyond the basics: a quota and
 * default limits for the namespace, a PriorityClass, an API Deployment behind an Ingress with a PDB and
 * NetworkPolicies, a read-only ServiceAccount, a StatefulSet whose claim templates bind to static volumes, a
 * node agent DaemonSet, a migration Job and a nightly CronJob. The pods show the scheduling and pod extras:
 * topology spread, node and pod (anti-)affinity, tolerations, a priority class, a log-shipping sidecar, a
 * preStop sleep, and projected / downward API volumes. A status page kept as plain YAML is included and patched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import {
  ApiResource, Chart, ConfigMap, DownwardApiFile, Lifecycle, ProjectionSource, Volume, ChartProps, CronJob, DaemonSet, DaemonSetUpdateStrategy, Deployment, Ingress, IngressBackend,
  IngressClass, Include, Job, LimitRange, Namespace, NetworkPolicy, NetworkPolicyPeer, PersistentVolume, PersistentVolumeSource,
  PodDisruptionBudget, PodFailurePolicyRule, PriorityClass, Probe, ResourceQuota, Role, ServiceAccount, StatefulSet,
  StatefulSetUpdateStrategy, StorageClass,
} from '../lib';

/** The file sits in the source tree: next to this module when run from source (tsx), two levels up from build/examples. */
const STATUS_PAGE_YAML = [path.join(__dirname, 'manifests/status-page.yaml'), path.resolve(__dirname, '../../examples/manifests/status-page.yaml')]
  .find((f) => fs.existsSync(f)) ?? path.join(__dirname, 'manifests/status-page.yaml');

export class PlatformChart extends Chart {
  public readonly platformNamespace: Namespace;
  public readonly api: Deployment;
  public readonly store: StatefulSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const ns = new Namespace(this, 'ns', { name: 'platform' });
    this.platformNamespace = ns;
    new ResourceQuota(this, 'quota', { namespace: ns, hard: { 'requests.cpu': '8', 'limits.memory': '16Gi', pods: '40' } });
    new LimitRange(this, 'limits', {
      namespace: ns,
      container: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '256Mi' } },
    });
    const critical = new PriorityClass(this, 'critical', { value: 100000, description: 'user-facing API pods' });
    const settings = new ConfigMap(this, 'settings', { namespace: ns, data: { 'log-level': 'info' } });

    // The API: three replicas behind an Ingress, never more than one down during voluntary disruptions.
    const reader = new ServiceAccount(this, 'api-sa', { namespace: ns, automountServiceAccountToken: true });
    this.api = new Deployment(this, 'api', {
      namespace: ns,
      replicas: 3,
      serviceAccount: reader,
      priorityClass: critical,
      affinity: { nodeAffinity: { required: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } },
      containers: [{
        image: 'nginx:1.27',
        ports: [{ containerPort: 80, name: 'http' }],
        readinessProbe: Probe.httpGet('/', { port: 'http' }),
        // Lets the Service drop the pod from its endpoints before nginx stops.
        lifecycle: { preStop: Lifecycle.sleep(5) },
      }],
    });
    // Replicas spread over zones (soft), and a sidecar that ships the access log next to nginx.
    this.api.spread();
    const logs = Volume.fromEmptyDir('logs');
    this.api.containers[0].mount('/var/log/nginx', logs);
    this.api.addSidecar({ name: 'log-shipper', image: 'busybox:1.36', command: ['sh', '-c', 'tail -F /logs/access.log'] }).mount('/logs', logs, { readOnly: true });
    // The pod's own labels and the app settings in one read-only directory.
    this.api.containers[0].mount('/etc/podinfo', Volume.fromProjected('podinfo', [
      ProjectionSource.downwardApi([DownwardApiFile.field('labels', 'metadata.labels')]),
      ProjectionSource.configMap(settings),
    ]), { readOnly: true });
    const service = this.api.exposeViaService();
    const role = new Role(this, 'read-config', { namespace: ns });
    role.allowRead(ApiResource.ofKind('ConfigMap'), ApiResource.ofKind('Deployment'));
    role.bind(reader);
    new PodDisruptionBudget(this, 'api-pdb', { namespace: ns, target: this.api, maxUnavailable: 1 });

    const nginx = new IngressClass(this, 'nginx', { controller: 'k8s.io/ingress-nginx' });
    const ingress = new Ingress(this, 'web', { namespace: ns, ingressClass: nginx });
    ingress.addRule('shop.example.com', '/', IngressBackend.service(service, 'http'));

    // Default deny for the namespace, then the API accepts traffic from the ingress controller's namespace.
    NetworkPolicy.denyAll(this, 'isolate', { namespace: ns });
    new NetworkPolicy(this, 'api-from-ingress', { namespace: ns, podSelector: this.api })
      .allowFrom(NetworkPolicyPeer.namespaces({ matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }), { port: 'http' });

    // A two-replica store whose claims bind to pre-provisioned volumes (no dynamic provisioner needed).
    const manual = new StorageClass(this, 'manual', {
      provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate', reclaimPolicy: 'Retain',
    });
    for (const i of [0, 1]) {
      new PersistentVolume(this, `store-pv-${i}`, {
        source: PersistentVolumeSource.hostPath({ path: `/srv/platform/store-${i}`, type: 'DirectoryOrCreate' }),
        storage: '1Gi',
        accessModes: ['ReadWriteOnce'],
        storageClass: manual,
        reclaimPolicy: 'Retain',
      });
    }
    this.store = new StatefulSet(this, 'store', {
      namespace: ns,
      replicas: 2,
      podManagementPolicy: 'Parallel',
      updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 }),
      containers: [{ image: 'redis:7.4', ports: [{ containerPort: 6379, name: 'redis' }] }],
    });
    // Prefer one store replica per node, without blocking scheduling on a small cluster.
    this.store.addAffinity({ podAntiAffinity: { preferred: [{ weight: 100, pods: this.store, topologyKey: 'kubernetes.io/hostname' }] } });
    this.store.containers[0].mount('/data', this.store.addVolumeClaimTemplate('data', { storage: '1Gi', storageClass: manual }));
    this.store.exposeViaHeadlessService();

    const agent = new DaemonSet(this, 'node-agent', {
      namespace: ns,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 1 }),
      // A node agent runs on every node, tainted ones included.
      tolerations: [{ operator: 'Exists' }],
      containers: [{ image: 'busybox:1.36', command: ['sh', '-c', 'while true; do sleep 3600; done'] }],
    });
    agent.containers[0].mount('/etc/agent', Volume.fromDownwardApi('agent-info', [
      DownwardApiFile.field('pod-name', 'metadata.name'),
    ]), { readOnly: true });

    // Plain YAML from before kubeforge: checked like every other object, patched without losing a field.
    const legacy = new Include(this, 'status-page', { path: STATUS_PAGE_YAML, namespace: ns });
    legacy.find('Deployment', 'status-page').set('/spec/replicas', 2);

    new Job(this, 'migrate', {
      namespace: ns,
      backoffLimit: 2,
      ttlSecondsAfterFinished: 3600,
      podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [42])],
      containers: [{ image: 'busybox:1.36', command: ['sh', '-c', 'echo migrated'] }],
    });
    new CronJob(this, 'nightly-report', {
      namespace: ns,
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      containers: [{ image: 'busybox:1.36', command: ['sh', '-c', 'echo report'] }],
    });
  }
}
