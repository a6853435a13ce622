/**
 * The baseline of the Pulumi benchmark: the N-microservice app written by hand as typed @pulumi/kubernetes
 * registrations, object for object what kubeforge renders for bench/kubeforge-app.ts (readable names, the bench's
 * security context), with the dependsOn and skipAwait annotation a careful author would add.
 * test/pulumi/bench-parity.test.ts checks that the inputs are identical to the bridge's.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

const SECURITY = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true };

export function handWrittenService(i: number, provider?: k8s.Provider): pulumi.CustomResource[] {
  const base = `services/svc-${i}`;
  const prefix = `services-svc-${i}`;
  const labels = (component: string, version?: string) => ({
    'app.kubernetes.io/name': `svc-${i}`,
    'app.kubernetes.io/instance': prefix,
    ...(version ? { 'app.kubernetes.io/version': version } : {}),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'services',
    'app.kubernetes.io/managed-by': 'kubeforge',
  });
  const selector = { 'app.kubernetes.io/name': `svc-${i}`, 'app.kubernetes.io/instance': prefix, 'kubeforge.io/workload': `${prefix}-deployment` };

  const config = new k8s.core.v1.ConfigMap(`${base}/config`, {
    metadata: { name: `${prefix}-config`, labels: labels('config') },
    data: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'search,checkout', UPSTREAM_URL: `http://svc-${i}-backend:8080` },
  }, { provider });
  const data = new k8s.core.v1.PersistentVolumeClaim(`${base}/data`, {
    metadata: { name: `${prefix}-data`, labels: labels('data'), annotations: { 'pulumi.com/skipAwait': 'true' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  }, { provider });
  const service = new k8s.core.v1.Service(`${base}/deployment/service`, {
    metadata: { name: `${prefix}-deployment-service`, labels: labels('deployment') },
    spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  }, { provider });
  const deployment = new k8s.apps.v1.Deployment(`${base}/deployment`, {
    metadata: { name: `${prefix}-deployment`, labels: labels('deployment', '1.0.0') },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...labels('deployment', '1.0.0'), 'kubeforge.io/workload': `${prefix}-deployment` } },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example.com/svc-${i}:1.0.0`,
              ports: [{ containerPort: 8080, name: 'http' }],
              env: [{ name: 'APP_LOG_LEVEL', valueFrom: { configMapKeyRef: { name: `${prefix}-config`, key: 'LOG_LEVEL' } } }],
              envFrom: [{ configMapRef: { name: `${prefix}-config` } }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
              securityContext: SECURITY,
              volumeMounts: [{ name: `${prefix}-data`, mountPath: '/data' }],
            },
            {
              name: 'proxy',
              image: 'registry.example.com/proxy:2.1',
              ports: [{ containerPort: 9090 }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
              securityContext: SECURITY,
            },
          ],
          volumes: [{ name: `${prefix}-data`, persistentVolumeClaim: { claimName: `${prefix}-data` } }],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
    },
  }, { provider, dependsOn: [config, data] });
  const hpa = new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${base}/deployment/autoscaler`, {
    metadata: { name: `${prefix}-deployment-autoscaler`, labels: labels('deployment') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${prefix}-deployment` },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  }, { provider });
  return [config, data, service, deployment, hpa];
}
