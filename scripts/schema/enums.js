/**
 * Closed value sets the API server enforces (pkg/apis/core/validation and friends) for fields whose OpenAPI
 * schema is a bare string: the published specs carry no `enum` arrays. Applied only where the definition and
 * property exist in that version and the spec gives no enum of its own. An empty string is left to the API
 * server, which defaults it. Keys: "<definition>.<property>"; `items: true` puts the set on array items.
 */
'use strict';

const core = 'io.k8s.api.core.v1.';
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const PULL = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE = ['File', 'FallbackToLogsOnError'];

module.exports = {
  [core + 'Container.imagePullPolicy']: { values: PULL },
  [core + 'EphemeralContainer.imagePullPolicy']: { values: PULL },
  [core + 'Container.terminationMessagePolicy']: { values: TERMINATION_MESSAGE },
  [core + 'EphemeralContainer.terminationMessagePolicy']: { values: TERMINATION_MESSAGE },
  [core + 'PodSpec.restartPolicy']: { values: ['Always', 'OnFailure', 'Never'] },
  [core + 'PodSpec.dnsPolicy']: { values: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] },
  [core + 'ContainerPort.protocol']: { values: PROTOCOLS },
  [core + 'ServicePort.protocol']: { values: PROTOCOLS },
  [core + 'ServiceSpec.type']: { values: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
  [core + 'ServiceSpec.sessionAffinity']: { values: ['ClientIP', 'None'] },
  [core + 'ServiceSpec.externalTrafficPolicy']: { values: ['Cluster', 'Local'] },
  [core + 'ServiceSpec.internalTrafficPolicy']: { values: ['Cluster', 'Local'] },
  [core + 'PersistentVolumeClaimSpec.accessModes']: { values: ACCESS_MODES, items: true },
  [core + 'PersistentVolumeSpec.accessModes']: { values: ACCESS_MODES, items: true },
  [core + 'PersistentVolumeClaimSpec.volumeMode']: { values: ['Block', 'Filesystem'] },
  [core + 'PersistentVolumeSpec.volumeMode']: { values: ['Block', 'Filesystem'] },
  [core + 'PersistentVolumeSpec.persistentVolumeReclaimPolicy']: { values: ['Retain', 'Recycle', 'Delete'] },
  'io.k8s.api.apps.v1.DeploymentStrategy.type': { values: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': { values: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': { values: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': { values: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': { values: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.autoscaling.v2.MetricSpec.type': { values: ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'] },
  'io.k8s.api.autoscaling.v2.MetricTarget.type': { values: ['Utilization', 'Value', 'AverageValue'] },
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': { values: ['Exact', 'Prefix', 'ImplementationSpecific'] },
};
