/** kubeforge: typed Kubernetes constructs. Synth path only; the Pulumi bridge is a separate entry point. */
export { App, AppProps } from './app/app';
export { Chart, ChartProps } from './app/chart';
export { Environment, EnvironmentProps, ClusterIdentity, normalizeServer } from './app/environment';
export { PulumiOptions, PulumiObjectOptions, PulumiCustomTimeouts } from './app/pulumi-options';
export { KubeObject, KubeObjectProps, INamespace, GroupVersionKind } from './app/object';
export * from './app/policy';
export * from './app/labels';
export * from './app/k8s-types';
export { Issue, Severity, KubeforgeError, SynthError } from './util/errors';
export { Quantity, QuantityString, quantityValue, compareQuantities, isQuantity, exactQuantity, canonicalQuantity, sumQuantities, ExactQuantity } from './util/quantity';
export { generateName, checkName } from './util/names';
export { synthesize, SynthesisResult, SynthesizedChart, SynthesizedObject } from './synth/synth';
export { toYaml, toYamlStream } from './synth/yaml';
export { formatIssuesText } from './report/text';
export * from '../constructs';
// Escape hatches, re-exported so users need no direct cdk8s import.
export { ApiObject, JsonPatch } from 'cdk8s';
// Validation: the same engine synth runs, for objects from anywhere; and the file reader behind `kubeforge validate`.
export { validateObjects, ValidationOptions, ALL_RULES, Located, RuleConfig, RuleMeta, RuleSeverity } from './rules';
export { RECOMMENDED, STRICT } from './rules/lint';
export { K8S_VERSIONS, DEFAULT_K8S_VERSION, resolveK8sVersion, isServed } from './schema';
export { validateFiles } from './validate';
export { formatReport, REPORT_FORMATS, ReportFormat } from './report';
