/** Namespace (v1, cluster-scoped). Pass it as `namespace:` to any namespaced construct. */
import { Construct } from 'constructs';
import { INamespace, KubeObject, KubeObjectProps } from '../lib/app/object';
import { NamedReference } from './reference';

export type NamespaceProps = Omit<KubeObjectProps, 'namespace'>;

export class Namespace extends KubeObject implements INamespace {
  /** Refers to a namespace that already exists (e.g. kube-system); nothing is emitted for it. */
  public static fromName(scope: Construct, id: string, name: string): INamespace {
    return new NamedReference(scope, id, name);
  }

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'Namespace', namespaced: false }, props);
  }

  protected renderBody(): Record<string, unknown> {
    return {};
  }
}
