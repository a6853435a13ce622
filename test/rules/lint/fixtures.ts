/** Small, valid-by-default manifests for the lint tests; each test breaks exactly what its rule is about. */
import { Issue } from '../../../lib/util/errors';
import { Located } from '../../../lib/rules/types';

export type Obj = Record<string, any>;

/** Objects as `kubeforge validate` reads them: one file, one document every 10 lines. */
export function inFile(...objs: Obj[]): Located[] {
  return objs.map((json, i) => ({ json, file: 'app.yaml', line: 1 + i * 10 }));
}

/** A container that passes every lint. */
export function container(over: Obj = {}): Obj {
  return {
    name: 'app',
    image: 'nginx:1.27',
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
    ...over,
  };
}

export function pod(name: string, spec: Obj = {}, labels: Obj = { app: name }, namespace?: string): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...(namespace ? { namespace } : {}) }, spec: { containers: [container()], ...spec } };
}

export function deployment(name: string, opts: { labels?: Obj; spec?: Obj; replicas?: number; namespace?: string } = {}): Obj {
  const labels = opts.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
    spec: {
      ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container()], ...opts.spec } },
    },
  };
}

export function service(name: string, selector: Obj | undefined, ports: Obj[] = [{ port: 80, targetPort: 'http' }], namespace?: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { ...(selector ? { selector } : {}), ports },
  };
}

export function hpa(name: string, target: Obj, spec: Obj = {}, namespace?: string): Obj {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', ...target },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...spec,
    },
  };
}

export function pvc(name: string, spec: Obj = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

export function pv(name: string, spec: Obj = {}, labels?: Obj): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 'nfs', path: `/${name}` }, ...spec },
  };
}

export function storageClass(name: string, opts: { default?: boolean; provisioner?: string } = {}): Obj {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(opts.default ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: opts.provisioner ?? 'csi.example.com',
  };
}

/** Every issue carries the rule's id, a fix, and a JSON pointer. */
export function expectWellFormed(issues: readonly Issue[], ruleId: string): void {
  for (const i of issues) {
    expect(i.ruleId).toBe(ruleId);
    expect(i.fix).toEqual(expect.any(String));
    expect(i.jsonPointer).toEqual(expect.any(String));
  }
}
