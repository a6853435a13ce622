/**
 * deploy(): registers every object of a kubeforge App or Chart as its typed @pulumi/kubernetes resource (or the
 * whole app as one yaml.v2.ConfigGroup), with the Provider of its environment, the dependency graph of the plan
 * and the per-object options. Call it inside a Pulumi program.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { IConstruct } from 'constructs';
import { Environment, normalizeServer } from '../app/environment';
import { KubeforgeError } from '../util/errors';
import { typedClass } from './classes';
import { resolveCluster } from './kubeconfig';
import { DeploymentPlan, planDeployment, PlannedObject } from './plan';
import { makeOutputs, Outputs } from './outputs';

export interface DeployOptions {
  /** @default - the app's active environment (App `environment` / KUBEFORGE_ENV) */
  readonly environment?: Environment | string;
  /**
   * The Provider to deploy with, e.g. one from @pulumi/eks. The kubeconfig server check is then skipped (the
   * Provider may not use a kubeconfig file); the environment's clusterUid is still checked.
   * @default - one Provider per environment from its kubeconfig and context (server-side apply), after the server
   * check; without an environment, Pulumi's default Provider (the ambient kubeconfig)
   */
  readonly provider?: k8s.Provider;
  /**
   * `typed`: one typed resource per object (typed outputs, per-object dependsOn and options).
   * `configGroup`: the whole app as one yaml.v2.ConfigGroup (one registration; no typed outputs, no per-object
   * dependsOn or options; a remote component, so Pulumi's mocks see no children).
   * @default 'typed'
   */
  readonly mode?: 'typed' | 'configGroup';
  /** Parent of every registered resource. @default - none (the stack) */
  readonly parent?: pulumi.Resource;
  /** Run validateObjects() (and construct checks) first; errors throw and nothing is registered. @default true */
  readonly validate?: boolean;
}

export interface Deployed extends Outputs {
  readonly environment?: Environment;
  /** construct path → resource (empty in configGroup mode). */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** The Provider used (undefined: Pulumi's default Provider). */
  readonly provider?: k8s.Provider;
  /** The ConfigGroup, in configGroup mode. */
  readonly configGroup?: k8s.yaml.v2.ConfigGroup;
  /** construct path → construct paths it depends on (what dependsOn was built from; mocks do not show it). */
  readonly graph: ReadonlyMap<string, readonly string[]>;
  /** The objects, names and options that were registered, in registration order. */
  readonly plan: DeploymentPlan;
}

// One Provider (and one identity check) per Environment per program, however many apps deploy to it.
const providers = new WeakMap<Environment, k8s.Provider>();
const gates = new WeakMap<Environment, Map<k8s.Provider | undefined, pulumi.Output<boolean>>>();

export function deploy(root: IConstruct, options: DeployOptions = {}): Deployed {
  const mode = options.mode ?? 'typed';
  if (mode !== 'typed' && mode !== 'configGroup') {
    throw new KubeforgeError({ path: root.node.path || '<app>', problem: 'unknown deploy mode', value: mode, allowed: 'typed, configGroup', ruleId: 'deploy' });
  }
  // Everything that can fail synchronously (validation, environment, kubeconfig) runs before the first registration.
  const plan = planDeployment(root, { environment: options.environment, validate: options.validate });
  const env = plan.environment;
  const provider = options.provider ?? (env ? providerFor(env, options.parent) : undefined);
  const gate = env?.props.cluster.clusterUid ? identityGate(env, provider, options.parent) : undefined;

  if (mode === 'configGroup') {
    // The annotations (skipAwait, patchForce) still apply: the ConfigGroup's children read them like any object.
    const objs = plan.objects.map(argsOf);
    const name = plan.namePrefix + (root.node.path || 'app');
    const configGroup = new k8s.yaml.v2.ConfigGroup(name, { objs }, { provider, parent: options.parent, dependsOn: gate ? gate.apply(() => []) : undefined });
    const resources = new Map<string, pulumi.CustomResource>();
    return { environment: env, resources, provider, configGroup, graph: plan.graph, plan, ...makeOutputs(resources, 'configGroup') };
  }

  const resources = new Map<string, pulumi.CustomResource>();
  for (const o of plan.objects) {
    const deps = o.dependsOn.map((p) => resources.get(p)!).filter((r) => r !== undefined);
    const opts: pulumi.CustomResourceOptions = {
      provider,
      parent: options.parent,
      dependsOn: gate ? gate.apply(() => deps) : deps,
      protect: o.options.protect,
      ignoreChanges: o.options.ignoreChanges ? [...o.options.ignoreChanges] : undefined,
      customTimeouts: o.options.customTimeouts,
      deleteBeforeReplace: o.options.deleteBeforeReplace,
      retainOnDelete: o.options.retainOnDelete,
      additionalSecretOutputs: o.json.kind === 'Secret' && groupless(o.json.apiVersion) ? ['data', 'stringData'] : undefined,
    };
    const cls = typedClass(o.json.apiVersion, o.json.kind);
    const args = argsOf(o);
    const res = cls ? new cls(o.resourceName, args, opts) : new k8s.apiextensions.CustomResource(o.resourceName, args as k8s.apiextensions.CustomResourceArgs, opts);
    resources.set(o.path, res);
  }
  return { environment: env, resources, provider, graph: plan.graph, plan, ...makeOutputs(resources, 'typed') };
}

function groupless(apiVersion: unknown): boolean {
  return apiVersion === 'v1';
}

/**
 * The resource inputs: the synthesized object itself (apiVersion, kind and metadata.name included, so Pulumi
 * never auto-names), plus the plan's pulumi.com/* annotations; Secret data as Pulumi secrets.
 */
function argsOf(o: PlannedObject): Record<string, any> {
  let args: Record<string, any> = o.json;
  if (Object.keys(o.annotations).length > 0) {
    args = { ...args, metadata: { ...args.metadata, annotations: { ...args.metadata?.annotations, ...o.annotations } } };
  }
  if (o.json.kind === 'Secret' && groupless(o.json.apiVersion)) {
    args = { ...args };
    if (args.data !== undefined) args.data = pulumi.secret(args.data);
    if (args.stringData !== undefined) args.stringData = pulumi.secret(args.stringData);
  }
  return args;
}

function providerFor(env: Environment, parent: pulumi.Resource | undefined): k8s.Provider {
  let p = providers.get(env);
  if (!p) {
    const cluster = resolveCluster(env);
    p = new k8s.Provider(
      `kubeforge-${env.name}`,
      {
        kubeconfig: cluster.kubeconfig,
        context: cluster.context,
        enableServerSideApply: true,
        // The guard has already established which cluster this is; a moved kubeconfig file must not replace objects.
        clusterIdentifier: normalizeServer(env.props.cluster.server),
      },
      { parent },
    );
    providers.set(env, p);
  }
  return p;
}

/**
 * Reads the live kube-system Namespace and fails the update, before any object is sent, when its UID is not the
 * environment's clusterUid. Every registration waits on this Output.
 */
function identityGate(env: Environment, provider: k8s.Provider | undefined, parent: pulumi.Resource | undefined): pulumi.Output<boolean> {
  let byProvider = gates.get(env);
  if (!byProvider) gates.set(env, (byProvider = new Map()));
  let g = byProvider.get(provider);
  if (!g) {
    const expected = env.props.cluster.clusterUid!;
    // One read per Provider: an environment deployed through two user Providers checks both.
    const name = `${env.name}/cluster-identity${byProvider.size ? `-${byProvider.size + 1}` : ''}`;
    const ns = k8s.core.v1.Namespace.get(name, 'kube-system', { provider, parent });
    g = ns.metadata.uid.apply((uid) => {
      if (uid !== expected) {
        throw new KubeforgeError({
          path: `Environment "${env.name}"`,
          problem: `refusing to deploy: environment "${env.name}" expects the cluster whose kube-system Namespace has UID ${expected}, but the Provider reaches a cluster where it is ${uid ?? '(unknown)'}`,
          fix: 'point the Provider (or kubeconfig context) at the right cluster, or correct cluster.clusterUid',
          ruleId: 'wrong-cluster',
        });
      }
      return true;
    });
    byProvider.set(provider, g);
  }
  return g;
}
