/**
 * Environment: a named target (dev, staging, prod) that binds an app to one cluster and carries the settings
 * that shape its objects: the namespace default, the Kubernetes version checked against and a policy merged over
 * the app's. The App picks the active one at construction, so synth and the Pulumi bridge see the same objects.
 * Plain data: nothing here loads Pulumi.
 */
import { KubeforgeError } from '../util/errors';
import { checkObjectName, fail } from '../util/check';
import { resolveK8sVersion } from '../schema';
import { DefaultsPolicy } from './policy';

/** Which cluster an environment deploys to, and how kubeforge recognises it. */
export interface ClusterIdentity {
  /** Kubeconfig context used to reach the cluster. @default - the kubeconfig's current-context */
  readonly context?: string;
  /** Path of the kubeconfig file. @default - $KUBECONFIG, else ~/.kube/config */
  readonly kubeconfig?: string;
  /**
   * The API server URL that the context must point at, e.g. "https://10.0.0.1:6443". The deploy refuses any other
   * cluster, so a stale current-context can never send prod objects to dev.
   */
  readonly server: string;
  /**
   * UID of the live cluster's kube-system Namespace (`kubectl get ns kube-system -o jsonpath='{.metadata.uid}'`),
   * checked at deploy before anything is created. Works with user-supplied Providers too.
   * @default - not checked
   */
  readonly clusterUid?: string;
}

export interface EnvironmentProps {
  readonly cluster: ClusterIdentity;
  /**
   * Namespace for every namespaced object that names none (a Chart's own `namespace` still wins).
   * @default - none (Kubernetes' `default`, or kubectl's current namespace)
   */
  readonly namespace?: string;
  /** Kubernetes version the objects are checked against, e.g. "1.33". @default - the app's k8sVersion */
  readonly k8sVersion?: string;
  /** Defaults merged over the app's `defaults`. @default - the app's policy */
  readonly policy?: DefaultsPolicy;
}

const ENV_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export class Environment {
  public readonly name: string;
  public readonly props: EnvironmentProps;

  constructor(name: string, props: EnvironmentProps) {
    const where = `Environment ${JSON.stringify(name)}`;
    if (typeof name !== 'string' || !ENV_NAME.test(name) || name.length > 40) {
      fail(where, 'the environment name is not valid', name, 'lowercase letters, digits and "-", at most 40 characters (it prefixes Pulumi resource names)', 'use a short name such as "dev" or "prod"', 'environment');
    }
    if (!props || !props.cluster || typeof props.cluster.server !== 'string') {
      fail(where, 'cluster.server is required', props?.cluster?.server, 'the API server URL of the cluster, e.g. "https://127.0.0.1:6443"', 'copy it from `kubectl config view --minify -o jsonpath="{.clusters[0].cluster.server}"`', 'environment');
    }
    normalizeServer(props.cluster.server, `${where}: cluster.server`);
    if (props.namespace !== undefined) checkObjectName(`${where}: namespace`, 'Namespace', props.namespace);
    if (props.k8sVersion !== undefined) resolveK8sVersion(props.k8sVersion);
    this.name = name;
    this.props = props;
  }

  /** The environment to use for an app, from its declared ones and the selected name. */
  public static select(declared: readonly Environment[] | undefined, selected: string | undefined): Environment | undefined {
    const envs = declared ?? [];
    const seen = new Set<string>();
    for (const e of envs) {
      if (!(e instanceof Environment)) fail('App', 'environments must be Environment objects', e, 'new Environment(name, { cluster: { server } })', 'create each entry with new Environment(...)', 'environment');
      if (seen.has(e.name)) fail('App', 'two environments have the same name', e.name, 'unique environment names', 'rename one of them', 'environment');
      seen.add(e.name);
    }
    if (selected === undefined || selected === '') return undefined;
    const found = envs.find((e) => e.name === selected);
    if (!found) {
      throw new KubeforgeError({
        path: 'App',
        problem: `environment "${selected}" is not declared`,
        value: selected,
        allowed: envs.length ? envs.map((e) => e.name).join(', ') : 'none (the app declares no environments)',
        fix: envs.length ? 'pass one of the declared names to --env (or KUBEFORGE_ENV / the App\'s `environment`)' : 'declare it with new App({ environments: [new Environment(...)] })',
        ruleId: 'environment',
      });
    }
    return found;
  }
}

/**
 * The canonical form of an API server URL (lowercase scheme and host, default port dropped, no trailing slash),
 * so "https://Host:443/" and "https://host" compare equal.
 */
export function normalizeServer(server: string, where = 'cluster.server'): string {
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return fail(where, 'is not a URL', server, 'an http(s) URL such as "https://127.0.0.1:6443"', 'copy the server from your kubeconfig', 'environment');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    fail(where, 'must be an http or https URL', server, 'https://host[:port]', 'copy the server from your kubeconfig', 'environment');
  }
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host.toLowerCase()}${path}`;
}
