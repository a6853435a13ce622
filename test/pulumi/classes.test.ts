/** The apiVersion/kind → typed @pulumi/kubernetes class table, for every kind kubeforge constructs emit and more. */
import * as k8s from '@pulumi/kubernetes';
import { typedClass, typeToken } from '../../lib/pulumi/classes';

const CASES: [string, string, unknown][] = [
  ['v1', 'ConfigMap', k8s.core.v1.ConfigMap],
  ['v1', 'Secret', k8s.core.v1.Secret],
  ['v1', 'Service', k8s.core.v1.Service],
  ['v1', 'ServiceAccount', k8s.core.v1.ServiceAccount],
  ['v1', 'Pod', k8s.core.v1.Pod],
  ['v1', 'Namespace', k8s.core.v1.Namespace],
  ['v1', 'PersistentVolume', k8s.core.v1.PersistentVolume],
  ['v1', 'PersistentVolumeClaim', k8s.core.v1.PersistentVolumeClaim],
  ['v1', 'ResourceQuota', k8s.core.v1.ResourceQuota],
  ['v1', 'LimitRange', k8s.core.v1.LimitRange],
  ['apps/v1', 'Deployment', k8s.apps.v1.Deployment],
  ['apps/v1', 'StatefulSet', k8s.apps.v1.StatefulSet],
  ['apps/v1', 'DaemonSet', k8s.apps.v1.DaemonSet],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', k8s.autoscaling.v2.HorizontalPodAutoscaler],
  ['batch/v1', 'Job', k8s.batch.v1.Job],
  ['batch/v1', 'CronJob', k8s.batch.v1.CronJob],
  ['networking.k8s.io/v1', 'Ingress', k8s.networking.v1.Ingress],
  ['networking.k8s.io/v1', 'IngressClass', k8s.networking.v1.IngressClass],
  ['networking.k8s.io/v1', 'NetworkPolicy', k8s.networking.v1.NetworkPolicy],
  ['policy/v1', 'PodDisruptionBudget', k8s.policy.v1.PodDisruptionBudget],
  ['rbac.authorization.k8s.io/v1', 'Role', k8s.rbac.v1.Role],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', k8s.rbac.v1.ClusterRole],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', k8s.rbac.v1.RoleBinding],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', k8s.rbac.v1.ClusterRoleBinding],
  ['scheduling.k8s.io/v1', 'PriorityClass', k8s.scheduling.v1.PriorityClass],
  ['storage.k8s.io/v1', 'StorageClass', k8s.storage.v1.StorageClass],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', k8s.apiextensions.v1.CustomResourceDefinition],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', k8s.admissionregistration.v1.ValidatingWebhookConfiguration],
  ['coordination.k8s.io/v1', 'Lease', k8s.coordination.v1.Lease],
  ['discovery.k8s.io/v1', 'EndpointSlice', k8s.discovery.v1.EndpointSlice],
];

test.each(CASES)('%s %s has its typed class', (apiVersion, kind, cls) => {
  expect(typedClass(apiVersion, kind)).toBe(cls);
  expect(typeToken(apiVersion, kind)).toBe(`kubernetes:${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}:${kind}`);
});

test('kinds without a typed class (CRD-defined, unknown versions, List and Patch names) get none', () => {
  expect(typedClass('example.com/v1', 'Widget')).toBeUndefined();
  expect(typedClass('apps/v9', 'Deployment')).toBeUndefined();
  expect(typedClass('v1', 'ConfigMapList')).toBeUndefined();
  expect(typedClass('v1', 'ConfigMapPatch')).toBeUndefined();
  expect(typedClass('apps/v1', 'Nonexistent')).toBeUndefined();
});
