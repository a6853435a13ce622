/**
 * ServiceAccount (v1): the identity pods run as. It is an RBAC subject (`role.bind(sa)`), carries image pull
 * secrets for every pod that uses it, and decides whether its token is mounted. Pods run as it with the pod
 * prop `serviceAccount: sa` (a ServiceAccount in another namespace fails synth).
 */
import { Construct, IConstruct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { fail } from '../lib/util/check';
import { ISubject } from './rbac';
import { NamedReference } from './reference';
import { ISecret } from './secret';

export interface ServiceAccountProps extends KubeObjectProps {
  /**
   * Whether pods using this account get its API token mounted; a pod's own setting wins.
   * @default - Kubernetes' default (mounted); set false for pods that never call the API
   */
  readonly automountServiceAccountToken?: boolean;
  /** Registry credentials (kubernetes.io/dockerconfigjson Secrets) added to every pod using this account. @default - none */
  readonly imagePullSecrets?: readonly ISecret[];
}

export interface IServiceAccount extends IConstruct, ISubject {
  readonly name: string;
}

function serviceAccountSubject(name: string, namespace: string | undefined, where: IConstruct, bindingNamespaced: boolean, self: IConstruct): Record<string, unknown> {
  // A RoleBinding resolves a subject without a namespace in its own; a ClusterRoleBinding has none to fall back on.
  if (!namespace && !bindingNamespaced) {
    fail(where, `the ServiceAccount ${self.node.path} has no namespace, which a ClusterRoleBinding subject needs`, name, 'a ServiceAccount with a namespace', 'give the ServiceAccount (or its Chart) a namespace, or use ServiceAccount.fromName(scope, id, name, namespace)', 'rbac');
  }
  return namespace ? { kind: 'ServiceAccount', name, namespace } : { kind: 'ServiceAccount', name };
}

class ServiceAccountReference extends NamedReference implements IServiceAccount {
  constructor(scope: Construct, id: string, name: string, private readonly namespace?: string) {
    super(scope, id, name);
  }
  /** @internal */
  public _subjectJson(where: IConstruct, bindingNamespaced: boolean): Record<string, unknown> {
    return serviceAccountSubject(this.name, this.namespace, where, bindingNamespaced, this);
  }
}

export class ServiceAccount extends KubeObject implements IServiceAccount {
  /** Refers to an existing ServiceAccount (e.g. "default"); give its namespace to use it in a ClusterRoleBinding. */
  public static fromName(scope: Construct, id: string, name: string, namespace?: string): IServiceAccount {
    return new ServiceAccountReference(scope, id, name, namespace);
  }

  private readonly pullSecrets: ISecret[] = [];
  private readonly automount?: boolean;

  constructor(scope: Construct, id: string, props: ServiceAccountProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true }, props);
    if (props.automountServiceAccountToken !== undefined && typeof props.automountServiceAccountToken !== 'boolean') {
      fail(this, 'automountServiceAccountToken must be true or false', props.automountServiceAccountToken, 'a boolean', 'write true or false without quotes', 'type');
    }
    this.automount = props.automountServiceAccountToken;
    for (const s of props.imagePullSecrets ?? []) this.addImagePullSecret(s);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Adds registry credentials for every pod that runs as this account. */
  public addImagePullSecret(secret: ISecret): void {
    if (!secret || typeof secret.name !== 'string') fail(this, 'an image pull secret must be a Secret object', secret, 'a Secret or Secret.fromName(...)', 'pass the Secret construct', 'type');
    if (this.pullSecrets.includes(secret)) fail(this, 'the image pull secret is added twice', secret.name, 'each Secret once', 'remove the duplicate', 'duplicate');
    this.pullSecrets.push(secret);
  }

  public get imagePullSecrets(): readonly ISecret[] {
    return this.pullSecrets;
  }

  /** @internal */
  public _subjectJson(where: IConstruct, bindingNamespaced: boolean): Record<string, unknown> {
    return serviceAccountSubject(this.name, this.metadata.namespace, where, bindingNamespaced, this);
  }

  private validate(): string[] {
    // Pull secrets are looked up in the ServiceAccount's own namespace.
    return this.pullSecrets.map((s) => crossNamespaceProblem(this, s, 'uses the image pull secret')).filter((m): m is string => m !== undefined);
  }

  protected renderBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    if (this.automount !== undefined) body.automountServiceAccountToken = this.automount;
    if (this.pullSecrets.length) body.imagePullSecrets = this.pullSecrets.map((s) => ({ name: s.name }));
    return body;
  }
}
