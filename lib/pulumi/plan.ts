/**
 * The deployment plan: every object the app renders (through the same engine as synth: one render, one
 * validateObjects run), its Pulumi resource name, its options and the objects it must wait for, in an order
 * where every dependency comes first. Pure data, no Pulumi: `deploy()` turns it into resources, and tests read
 * the dependency graph here because Pulumi's mocks do not show dependsOn.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { App } from '../app/app';
import { Environment } from '../app/environment';
import { PulumiObjectOptions, PulumiOptions } from '../app/pulumi-options';
import { formatIssuesText } from '../report/text';
import { synthesize } from '../synth/synth';
import { CycleError, orderObjects } from '../synth/order';
import { KubeforgeError, SynthError } from '../util/errors';
import { referencesOf } from './references';

export interface PlanOptions {
  /** @default - the app's active environment */
  readonly environment?: Environment | string;
  /** @default true */
  readonly validate?: boolean;
}

export interface PlannedObject {
  readonly construct: ApiObject;
  /** The construct path: the key of `Deployed.resources`. */
  readonly path: string;
  /** The Pulumi resource name: `<environment>/<construct path>`, or the path alone without an environment. */
  readonly resourceName: string;
  /** The object exactly as `synth` writes it. */
  readonly json: Record<string, any>;
  /** Options with kubeforge's defaults applied (see PulumiObjectOptions). */
  readonly options: PulumiObjectOptions;
  /** `pulumi.com/*` annotations the Pulumi path adds to metadata (skipAwait, patchForce); {} for most objects. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Construct paths of the objects this one waits for (construct dependencies and references). */
  readonly dependsOn: readonly string[];
}

export interface DeploymentPlan {
  readonly environment?: Environment;
  /** The prefix of every resource name ('' without an environment). */
  readonly namePrefix: string;
  /** In registration order: every object after the objects it depends on. */
  readonly objects: readonly PlannedObject[];
  /** construct path → construct paths it depends on. */
  readonly graph: ReadonlyMap<string, readonly string[]>;
}

/** The kubeforge App that holds a construct, if any. */
export function appOf(root: IConstruct): App | undefined {
  const r = root.node.root;
  return r instanceof App ? r : undefined;
}

/**
 * The environment to deploy: the app's active one, or the one named. A different environment than the active one
 * is refused when it carries a namespace or policy, because those shaped the objects when they were constructed.
 */
export function resolveEnvironment(root: IConstruct, requested: Environment | string | undefined): Environment | undefined {
  const app = appOf(root);
  const active = app?.environment;
  if (requested === undefined) return active;
  let env: Environment;
  if (typeof requested === 'string') {
    const found = Environment.select(app?.environments ?? [], requested);
    env = found!;
  } else if (requested instanceof Environment) {
    env = requested;
  } else {
    throw new KubeforgeError({ path: root.node.path || '<app>', problem: 'environment must be an Environment or its name', value: requested, ruleId: 'environment' });
  }
  if (active && active !== env && active.name !== env.name) {
    throw new KubeforgeError({
      path: root.node.path || '<app>',
      problem: `the app was built for environment "${active.name}" but deploy() was asked for "${env.name}"`,
      allowed: `"${active.name}", the app's active environment`,
      fix: `construct the App with environment: "${env.name}" (or KUBEFORGE_ENV=${env.name}), one App per environment`,
      ruleId: 'environment',
    });
  }
  if (!active && (env.props.namespace !== undefined || env.props.policy !== undefined)) {
    throw new KubeforgeError({
      path: root.node.path || '<app>',
      problem: `environment "${env.name}" sets a namespace or policy, which only apply when the App is constructed with it`,
      allowed: 'the App\'s active environment',
      fix: `declare it in new App({ environments: [...], environment: "${env.name}" })`,
      ruleId: 'environment',
    });
  }
  return env;
}

/** Renders, validates and orders the objects of an App or Chart. Throws SynthError on any error. */
export function planDeployment(root: IConstruct, options: PlanOptions = {}): DeploymentPlan {
  const environment = resolveEnvironment(root, options.environment);
  const app = appOf(root);
  const validation = { ...app?.validation, k8sVersion: process.env.KUBEFORGE_K8S_VERSION || environment?.props.k8sVersion || app?.validation.k8sVersion };
  const result = synthesize(root, { validate: options.validate ?? true, validation, yaml: false });
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) process.stderr.write(formatIssuesText(warnings));
  if (result.issues.some((i) => i.severity === 'error')) throw new SynthError(result.issues);

  const rendered = result.charts.flatMap((c) => c.objects);
  const namePrefix = environment ? `${environment.name}/` : '';
  const index = new Map<string, number>();
  const byConstruct = new Map<IConstruct, number>();
  // Custom resources wait for the CRD that defines their group and kind.
  const crds = new Map<string, number>();
  rendered.forEach((o, i) => {
    index.set(keyOf(groupOf(o.json.apiVersion), o.json.kind, o.json.metadata?.namespace, o.json.metadata?.name), i);
    byConstruct.set(o.construct, i);
    if (o.json.kind === 'CustomResourceDefinition' && o.json.spec?.group && o.json.spec?.names?.kind) crds.set(`${o.json.spec.group}|${o.json.spec.names.kind}`, i);
  });

  const after: number[][] = rendered.map((o) => {
    const deps = new Set<number>();
    for (const d of constructDependencies(o.construct)) {
      for (const x of d.node.findAll()) {
        const i = byConstruct.get(x);
        if (i !== undefined) deps.add(i);
      }
    }
    for (const r of referencesOf(o.json)) {
      const i = index.get(keyOf(r.group, r.kind, r.namespace, r.name));
      if (i !== undefined) deps.add(i);
    }
    const crd = crds.get(`${groupOf(o.json.apiVersion)}|${o.json.kind}`);
    if (crd !== undefined) deps.add(crd);
    return [...deps];
  });

  let order: number[];
  try {
    order = orderObjects(rendered.map((o, i) => ({ kind: o.json.kind, after: after[i] })));
  } catch (e) {
    if (!(e instanceof CycleError)) throw e;
    const paths = e.members.map((i) => rendered[i].construct.node.path);
    throw new KubeforgeError({
      path: paths[0],
      problem: `the objects ${paths.join(', ')} depend on each other in a cycle (construct dependencies or references)`,
      fix: 'remove one of the addDependency() calls or references that form the cycle',
      ruleId: 'dependency-cycle',
    });
  }

  const storageClasses = new Map<string, Record<string, any>>();
  for (const o of rendered) if (o.json.kind === 'StorageClass') storageClasses.set(o.json.metadata?.name, o.json);

  const graph = new Map<string, readonly string[]>();
  const objects: PlannedObject[] = order.map((i) => {
    const o = rendered[i];
    const path = o.construct.node.path;
    const dependsOn = after[i].filter((j) => j !== i).map((j) => rendered[j].construct.node.path).sort();
    graph.set(path, dependsOn);
    const opts = withDefaults(o.json, PulumiOptions.resolve(o.construct), storageClasses);
    const annotations: Record<string, string> = {};
    if (opts.skipAwait) annotations['pulumi.com/skipAwait'] = 'true';
    if (opts.patchForce) annotations['pulumi.com/patchForce'] = 'true';
    return { construct: o.construct, path, resourceName: namePrefix + path, json: o.json, options: opts, annotations, dependsOn };
  });
  return { environment, namePrefix, objects, graph };
}

const CLUSTER_SCOPED_REF = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'IngressClass', 'PriorityClass', 'CustomResourceDefinition']);

/**
 * An object's construct dependencies: its own plus those of every enclosing scope that is not itself an object
 * (a Chart, a grouping Construct), as in the AWS CDK: `chartA.node.addDependency(chartB)` makes every object of
 * chartA wait for every object of chartB. An object's own dependencies are not pushed onto the objects it holds.
 */
function constructDependencies(c: IConstruct): IConstruct[] {
  const out = [...c.node.dependencies];
  for (let s = c.node.scope; s; s = s.node.scope) if (!(s instanceof ApiObject)) out.push(...s.node.dependencies);
  return out;
}

export function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Objects are found by group, kind, namespace (none for cluster-scoped kinds) and name. */
function keyOf(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}|${kind}|${CLUSTER_SCOPED_REF.has(kind) ? '' : (namespace ?? '')}|${name}`;
}

/** kubeforge's defaults for objects whose readiness would otherwise hang the deploy (see PulumiObjectOptions). */
function withDefaults(json: Record<string, any>, own: PulumiObjectOptions, storageClasses: Map<string, Record<string, any>>): PulumiObjectOptions {
  if (own.skipAwait !== undefined) return own;
  let skip = false;
  if (json.kind === 'Service' && json.spec?.type === 'LoadBalancer') skip = true;
  if (json.kind === 'PersistentVolumeClaim') {
    const spec = json.spec ?? {};
    const sc = typeof spec.storageClassName === 'string' ? storageClasses.get(spec.storageClassName) : undefined;
    const immediate = !!spec.volumeName || (sc !== undefined && (sc.volumeBindingMode ?? 'Immediate') === 'Immediate');
    skip = !immediate;
  }
  return skip ? { ...own, skipAwait: true } : own;
}
