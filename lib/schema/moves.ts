/**
 * What changes besides apiVersion when a removed API moves to its replacement. Hand-written (the OpenAPI spec
 * cannot say how fields map between versions), keyed by the removed "group/version/Kind". The table of which APIs
 * were removed, when, and by what is derived from the specs (data/history.json), not from here.
 */

const WORKLOAD_SELECTOR =
  'apps/v1 requires spec.selector and no longer defaults it from the template labels: add spec.selector.matchLabels ' +
  'equal to (a subset of) spec.template.metadata.labels';
const INGRESS =
  'in networking.k8s.io/v1, backend.serviceName/servicePort become backend.service: {name, port: {number: N} or ' +
  '{name: P}}, spec.backend becomes spec.defaultBackend, and every path needs pathType (Prefix, Exact or ' +
  'ImplementationSpecific)';
const HPA_V2BETA1 =
  'in autoscaling/v2 each metric has a target object: resource.targetAverageUtilization: 50 becomes ' +
  'resource.target: {type: Utilization, averageUtilization: 50}; targetAverageValue: X becomes target: ' +
  '{type: AverageValue, averageValue: X}; targetValue: X becomes target: {type: Value, value: X}; pods/object/' +
  'external metricName becomes metric: {name}, and object.target becomes object.describedObject';
const HPA_V2BETA2 = 'autoscaling/v2 keeps the autoscaling/v2beta2 fields; only apiVersion changes';
const PDB =
  'policy/v1 keeps the fields, but an empty spec.selector now selects every pod in the namespace ' +
  '(in v1beta1 it selected none): set a selector';
const CRD =
  'apiextensions.k8s.io/v1 needs a structural schema per version: spec.validation.openAPIV3Schema moves to ' +
  'spec.versions[].schema.openAPIV3Schema, spec.version/additionalPrinterColumns/subresources move into ' +
  'each spec.versions[] entry, and preserveUnknownFields: true is no longer allowed';
const SAME_FIELDS = 'the fields are unchanged; only apiVersion changes';

const workloads = (group: string, kinds: readonly string[]) =>
  Object.fromEntries(kinds.map((k) => [`${group}/${k}`, WORKLOAD_SELECTOR]));

const MOVES: Readonly<Record<string, string>> = {
  ...workloads('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet']),
  ...workloads('apps/v1beta1', ['Deployment', 'StatefulSet']),
  ...workloads('apps/v1beta2', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']),
  'extensions/v1beta1/Ingress': INGRESS,
  'networking.k8s.io/v1beta1/Ingress': INGRESS,
  'autoscaling/v2beta1/HorizontalPodAutoscaler': HPA_V2BETA1,
  'autoscaling/v2beta2/HorizontalPodAutoscaler': HPA_V2BETA2,
  'batch/v1beta1/CronJob': SAME_FIELDS,
  'policy/v1beta1/PodDisruptionBudget': PDB,
  'policy/v1beta1/PodSecurityPolicy':
    'PodSecurityPolicy has no replacement object: use Pod Security Admission (pod-security.kubernetes.io/enforce ' +
    'labels on the Namespace) or a policy engine',
  'extensions/v1beta1/NetworkPolicy': SAME_FIELDS,
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': CRD,
};

/** The field moves for a removed "group/version/Kind", if any are recorded. */
export function fieldMovesFor(gvk: string): string | undefined {
  return MOVES[gvk];
}
