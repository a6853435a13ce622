/**
 * The objects one rendered object refers to by name: what must exist before it is applied, so Pulumi creates it
 * first (and deletes it last). Read from the rendered JSON rather than the constructs, so raw ApiObjects and
 * escape-hatch patches are covered too.
 */

export interface Ref {
  /** API group ('' for core). */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** For namespaced kinds: the referrer's namespace (Kubernetes resolves these references there). */
  readonly namespace?: string;
}

type Obj = Record<string, any>;

/** The pod spec of a workload, wherever the kind keeps it. */
export function podSpecOf(json: Obj): Obj | undefined {
  switch (json.kind) {
    case 'Pod':
      return json.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      return json.spec?.template?.spec;
    case 'CronJob':
      return json.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

export function referencesOf(json: Obj): Ref[] {
  const refs: Ref[] = [];
  const ns: string | undefined = json.metadata?.namespace;
  const add = (group: string, kind: string, name: unknown, namespace: string | undefined = ns) => {
    if (str(name)) refs.push({ group, kind, name, namespace });
  };
  if (str(ns)) add('', 'Namespace', ns, undefined);

  const pod = podSpecOf(json);
  if (pod) podReferences(pod, add);

  const spec: Obj = json.spec ?? {};
  switch (json.kind) {
    case 'PersistentVolumeClaim':
      add('', 'PersistentVolume', spec.volumeName, undefined);
      add('storage.k8s.io', 'StorageClass', spec.storageClassName, undefined);
      break;
    case 'PersistentVolume':
      add('storage.k8s.io', 'StorageClass', spec.storageClassName, undefined);
      break;
    case 'StatefulSet':
      for (const t of list(spec.volumeClaimTemplates)) add('storage.k8s.io', 'StorageClass', t.spec?.storageClassName, undefined);
      add('', 'Service', spec.serviceName);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const role = json.roleRef ?? {};
      if (role.kind === 'ClusterRole') add('rbac.authorization.k8s.io', 'ClusterRole', role.name, undefined);
      else if (role.kind === 'Role') add('rbac.authorization.k8s.io', 'Role', role.name);
      for (const s of list(json.subjects)) if (s.kind === 'ServiceAccount') add('', 'ServiceAccount', s.name, s.namespace ?? ns);
      break;
    }
    case 'Ingress':
      add('networking.k8s.io', 'IngressClass', spec.ingressClassName, undefined);
      for (const t of list(spec.tls)) add('', 'Secret', t.secretName);
      break;
    case 'Secret':
      // A service-account token Secret is filled in for an existing ServiceAccount only.
      if (json.type === 'kubernetes.io/service-account-token') add('', 'ServiceAccount', json.metadata?.annotations?.['kubernetes.io/service-account.name']);
      break;
  }
  return refs;
}

function podReferences(pod: Obj, add: (group: string, kind: string, name: unknown) => void): void {
  add('', 'ServiceAccount', pod.serviceAccountName);
  add('scheduling.k8s.io', 'PriorityClass', pod.priorityClassName);
  for (const s of list(pod.imagePullSecrets)) add('', 'Secret', s.name);
  for (const v of list(pod.volumes)) {
    add('', 'ConfigMap', v.configMap?.name);
    add('', 'Secret', v.secret?.secretName);
    add('', 'PersistentVolumeClaim', v.persistentVolumeClaim?.claimName);
    for (const p of list(v.projected?.sources)) {
      add('', 'ConfigMap', p.configMap?.name);
      add('', 'Secret', p.secret?.name);
    }
  }
  for (const c of [...list(pod.containers), ...list(pod.initContainers), ...list(pod.ephemeralContainers)]) {
    for (const e of list(c.env)) {
      add('', 'ConfigMap', e.valueFrom?.configMapKeyRef?.name);
      add('', 'Secret', e.valueFrom?.secretKeyRef?.name);
    }
    for (const f of list(c.envFrom)) {
      add('', 'ConfigMap', f.configMapRef?.name);
      add('', 'Secret', f.secretRef?.name);
    }
  }
}
