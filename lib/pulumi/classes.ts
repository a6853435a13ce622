/**
 * apiVersion/kind → the typed @pulumi/kubernetes class (k8s.apps.v1.Deployment, k8s.core.v1.Service, ...).
 * The table maps API groups to the SDK's modules; version and kind are then looked up in the module, so every
 * kind the SDK types is covered. Anything else (CRD-defined kinds, kinds newer than the SDK) is registered as
 * apiextensions.CustomResource.
 */
import type * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';

const GROUP_MODULES: Readonly<Record<string, keyof typeof k8s>> = {
  '': 'core',
  'admissionregistration.k8s.io': 'admissionregistration',
  'apiextensions.k8s.io': 'apiextensions',
  'apiregistration.k8s.io': 'apiregistration',
  apps: 'apps',
  'auditregistration.k8s.io': 'auditregistration',
  autoscaling: 'autoscaling',
  batch: 'batch',
  'certificates.k8s.io': 'certificates',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  extensions: 'extensions',
  'flowcontrol.apiserver.k8s.io': 'flowcontrol',
  'networking.k8s.io': 'networking',
  'node.k8s.io': 'node',
  policy: 'policy',
  'rbac.authorization.k8s.io': 'rbac',
  'resource.k8s.io': 'resource',
  'scheduling.k8s.io': 'scheduling',
  'settings.k8s.io': 'settings',
  'storage.k8s.io': 'storage',
  'storagemigration.k8s.io': 'storagemigration',
};

export type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const cache = new Map<string, ResourceClass | null>();

/** The typed class for an apiVersion and kind, or undefined when the SDK has none. */
export function typedClass(apiVersion: string, kind: string): ResourceClass | undefined {
  const key = `${apiVersion}/${kind}`;
  let c = cache.get(key);
  if (c === undefined) {
    c = null;
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const moduleName = GROUP_MODULES[group];
    // Only real resource classes: the SDK's FooList and FooPatch classes are not kinds an object can have.
    const mod = moduleName ? (k8s as any)[moduleName]?.[version] : undefined;
    const cls = mod?.[kind];
    if (typeof cls === 'function' && typeof cls.isInstance === 'function' && !/(List|Patch)$/.test(kind)) c = cls as ResourceClass;
    cache.set(key, c);
  }
  return c ?? undefined;
}

/** The Pulumi type token a registration uses, e.g. "kubernetes:apps/v1:Deployment". */
export function typeToken(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `kubernetes:${group}/${version}:${kind}`;
}
