/**
 * kubeforge/pulumi: deploy a kubeforge App or Chart from a Pulumi program. This entry point loads
 * @pulumi/pulumi and @pulumi/kubernetes (optional peer dependencies); the rest of kubeforge never does.
 */
export { deploy, DeployOptions, Deployed } from './deploy';
export { ObjectOutputs, ServiceOutputs, WorkloadOutputs, ClaimOutputs, Outputs } from './outputs';
export { planDeployment, resolveEnvironment, DeploymentPlan, PlannedObject, PlanOptions } from './plan';
export { resolveCluster, kubeconfigFiles, ResolvedCluster } from './kubeconfig';
export { typedClass, typeToken } from './classes';
export { referencesOf, Ref } from './references';
export { Environment, EnvironmentProps, ClusterIdentity } from '../app/environment';
export { PulumiOptions, PulumiObjectOptions, PulumiCustomTimeouts } from '../app/pulumi-options';
