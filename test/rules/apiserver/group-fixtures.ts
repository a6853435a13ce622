/**
 * Valid objects of the non-core API groups (networking, policy, rbac, storage, scheduling, node) for the rule
 * tests: each test breaks one field of a copy and checks the untouched fixture as its clean twin.
 */
import { Obj } from './fixtures';

export const groupFixtures = {
  ingress: (): Obj => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      tls: [{ hosts: ['shop.example.com', '*.shop.example.com'], secretName: 'shop-tls' }],
    },
  }),
  ingressClass: (): Obj => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' },
    spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external', scope: 'Namespace', namespace: 'ingress' } },
  }),
  networkPolicy: (): Obj => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' },
    spec: {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }, { podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8000, endPort: 9000 }, { port: 'http', protocol: 'TCP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: 'fd00::/16', except: ['fd00:1::/32'] } }] }],
      policyTypes: ['Ingress', 'Egress'],
    },
  }),
  pdb: (): Obj => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' },
    spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  }),
  role: (): Obj => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  }),
  clusterRole: (): Obj => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'monitor' },
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] },
  }),
  roleBinding: (): Obj => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'readers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'deployer' }, { kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }],
  }),
  clusterRoleBinding: (): Obj => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'monitors' },
    roleRef: { kind: 'ClusterRole', name: 'monitor' },
    subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }],
  }),
  storageClass: (): Obj => ({
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' },
    provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer',
    allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1a', 'us-east-1b'] }] }],
  }),
  csiDriver: (): Obj => ({
    apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'ebs.csi.aws.com' },
    spec: { fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent'], tokenRequests: [{ audience: 'vault', expirationSeconds: 3600 }] },
  }),
  csiNode: (): Obj => ({
    apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node-1' },
    spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: 'i-0123', topologyKeys: ['topology.kubernetes.io/zone'], allocatable: { count: 25 } }] },
  }),
  volumeAttachment: (): Obj => ({
    apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'attach-1' },
    spec: { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-data' } },
  }),
  priorityClass: (): Obj => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: 1000, preemptionPolicy: 'Never' }),
  runtimeClass: (): Obj => ({
    apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'sandbox' }, handler: 'kata',
    overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
    scheduling: { nodeSelector: { 'sandbox.example.com/runtime': 'kata' }, tolerations: [{ key: 'sandbox.example.com/runtime', operator: 'Exists', effect: 'NoSchedule' }] },
  }),
  validatingWebhook: (): Obj => ({
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'policy' },
    webhooks: [{
      name: 'validate.pods.example.com', sideEffects: 'None', admissionReviewVersions: ['v1'], timeoutSeconds: 5, failurePolicy: 'Fail',
      clientConfig: { service: { namespace: 'policy', name: 'webhook', path: '/validate', port: 8443 } },
      rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/status'], scope: 'Namespaced' }],
      namespaceSelector: { matchExpressions: [{ key: 'policy.example.com/skip', operator: 'DoesNotExist' }] },
      matchConditions: [{ name: 'not-leases', expression: "request.resource.group != 'coordination.k8s.io'" }],
    }],
  }),
  mutatingWebhook: (): Obj => ({
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'inject' },
    webhooks: [{
      name: 'inject.sidecar.example.com', sideEffects: 'NoneOnDryRun', admissionReviewVersions: ['v1', 'v1beta1'], reinvocationPolicy: 'IfNeeded',
      clientConfig: { url: 'https://hooks.example.com:8443/inject' },
      rules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'] }],
    }],
  }),
  crd: (): Obj => ({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'], categories: ['all'] },
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { 'x-kubernetes-int-or-string': true }, tags: { type: 'array', items: { type: 'string' } }, labels: { type: 'object', additionalProperties: { type: 'string' } } } }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } },
        { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      ],
    },
  }),
};
