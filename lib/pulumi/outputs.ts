/**
 * Typed outputs per construct: `d.outputs(service).clusterIP`, `d.outputs(deployment).readyReplicas`, ...
 * Every object has its name, namespace and uid; the kinds below add what users wire into other resources.
 */
import type * as pulumi from '@pulumi/pulumi';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { Deployment } from '../../constructs/deployment';
import type { StatefulSet } from '../../constructs/stateful-set';
import type { Service } from '../../constructs/service';
import type { PersistentVolumeClaim } from '../../constructs/persistent-volume-claim';
import { KubeforgeError } from '../util/errors';

export interface ObjectOutputs {
  readonly resource: pulumi.CustomResource;
  readonly name: pulumi.Output<string>;
  /** undefined for cluster-scoped kinds. */
  readonly namespace: pulumi.Output<string | undefined>;
  readonly uid: pulumi.Output<string>;
}

export interface ServiceOutputs extends ObjectOutputs {
  readonly clusterIP: pulumi.Output<string>;
  /** The first load-balancer ingress IP or hostname; undefined until assigned (and for other Service types). */
  readonly loadBalancerAddress: pulumi.Output<string | undefined>;
}

export interface WorkloadOutputs extends ObjectOutputs {
  readonly readyReplicas: pulumi.Output<number | undefined>;
}

export interface ClaimOutputs extends ObjectOutputs {
  /** The PersistentVolume the claim is bound to. */
  readonly volumeName: pulumi.Output<string | undefined>;
  readonly phase: pulumi.Output<string | undefined>;
}

export interface Outputs {
  outputs(construct: Service): ServiceOutputs;
  outputs(construct: Deployment | StatefulSet): WorkloadOutputs;
  outputs(construct: PersistentVolumeClaim): ClaimOutputs;
  outputs(construct: IConstruct): ObjectOutputs;
}

export function makeOutputs(resources: ReadonlyMap<string, pulumi.CustomResource>, mode: 'typed' | 'configGroup'): Outputs {
  const cache = new Map<string, ObjectOutputs>();
  const outputs = (construct: IConstruct): any => {
    const path = construct.node.path;
    const hit = cache.get(path);
    if (hit) return hit;
    const res = resources.get(path) as any;
    if (!res) {
      throw new KubeforgeError({
        path: path || '<app>',
        problem: mode === 'configGroup' ? 'typed outputs are not available in configGroup mode' : 'this construct was not registered by this deploy()',
        allowed: mode === 'configGroup' ? "mode: 'typed'" : 'an object (Deployment, Service, ...) of the app or chart that was deployed',
        fix: mode === 'configGroup' ? "deploy with mode: 'typed' to read per-object outputs" : 'pass the object construct itself, from the app given to deploy()',
        ruleId: 'deploy-outputs',
      });
    }
    const meta = res.metadata;
    const base: ObjectOutputs = {
      resource: res,
      name: meta.name,
      namespace: meta.apply((m: any) => m?.namespace || undefined),
      uid: meta.uid,
    };
    const kind = construct instanceof ApiObject ? construct.kind : undefined;
    let out: ObjectOutputs = base;
    if (kind === 'Service') {
      out = {
        ...base,
        clusterIP: res.spec.clusterIP,
        loadBalancerAddress: res.status.apply((s: any) => {
          const ing = s?.loadBalancer?.ingress?.[0];
          return ing?.ip || ing?.hostname || undefined;
        }),
      } as ServiceOutputs;
    } else if (kind === 'Deployment' || kind === 'StatefulSet') {
      out = { ...base, readyReplicas: res.status.apply((s: any) => s?.readyReplicas) } as WorkloadOutputs;
    } else if (kind === 'PersistentVolumeClaim') {
      out = { ...base, volumeName: res.spec.apply((s: any) => s?.volumeName || undefined), phase: res.status.apply((s: any) => s?.phase) } as ClaimOutputs;
    }
    cache.set(path, out);
    return out;
  };
  return { outputs } as Outputs;
}
