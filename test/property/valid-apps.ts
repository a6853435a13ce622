/**
 * The valid apps that the property tests generate, one generator per construct family, each with the seed of
 * its property test. The property tests check that kubeforge finds no error in them; the cluster suite
 * (test/cluster/property-dry-run.test.ts) takes a seeded sample of the same apps to a real API server.
 */
import * as fc from 'fast-check';
import { App, CronJob, DaemonSet, IngressClass, Job, PriorityClass } from '../../lib';
import { newChart, TestChart } from '../constructs/util';
import { validCronJob, validJob } from './job-arbitraries';
import { buildIngress, buildPolicyApp, classSpec, ingressSpec, policySpec } from './network-apps';
import {
  buildBudget, buildClusterRoleApp, buildLimitRange, buildQuota, buildRoleApp, buildServiceAccount, clusterRoleApp, limitRangeProps, pdbPolicy,
  priorityClassProps, quotaProps, quotaScoping, roleApp, serviceAccountProps, validBudget,
} from './policy-apps';
import { buildSet, daemonSetStrategy, validStatefulSet } from './workload-apps';
import { constructId, containers, podSettings } from './workload-arbitraries';

export interface ValidApps {
  /** What the apps exercise, e.g. "StatefulSet". */
  readonly name: string;
  /** The seed of the property test whose generator this is. */
  readonly seed: number;
  /** Each value builds one fresh app. */
  readonly apps: fc.Arbitrary<() => App>;
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** An app of one chart ("test"), as the construct tests build it. */
function inChart<T>(arb: fc.Arbitrary<T>, build: (t: TestChart, value: T) => void): fc.Arbitrary<() => App> {
  return arb.map((v) => () => {
    const t = newChart();
    build(t, v);
    return t.app;
  });
}

export const VALID_APPS: readonly ValidApps[] = [
  { name: 'Job', seed: 60311, apps: inChart(fc.tuple(constructId, validJob), ({ chart }, [id, props]) => new Job(chart, id, props)) },
  { name: 'CronJob', seed: 60321, apps: inChart(fc.tuple(constructId, validCronJob), ({ chart }, [id, props]) => new CronJob(chart, id, props)) },
  {
    name: 'DaemonSet',
    seed: 60301,
    apps: inChart(fc.tuple(constructId, containers, podSettings, daemonSetStrategy, opt(fc.nat(600)), opt(fc.nat(20))), ({ chart }, [id, cs, pod, updateStrategy, minReadySeconds, revisionHistoryLimit]) =>
      new DaemonSet(chart, id, { ...pod, containers: cs, updateStrategy, minReadySeconds, revisionHistoryLimit })),
  },
  { name: 'StatefulSet', seed: 60331, apps: inChart(validStatefulSet, ({ chart }, { id, cs, pod, s, templates, headless }) => buildSet(chart, cs, id, { ...pod, ...s }, templates, headless)) },
  { name: 'NetworkPolicy', seed: 20261201, apps: policySpec.map((s) => () => buildPolicyApp(s)) },
  { name: 'Ingress', seed: 20261201, apps: ingressSpec.map((s) => () => buildIngress(s)) },
  {
    name: 'IngressClass',
    seed: 20261201,
    apps: inChart(classSpec, ({ chart }, s) => new IngressClass(chart, 'cls', { controller: s.controller, isDefaultClass: s.isDefaultClass, parameters: s.parameters, labels: s.labels })),
  },
  { name: 'LimitRange', seed: 6501, apps: inChart(limitRangeProps, ({ chart }, p) => buildLimitRange(chart, p)) },
  { name: 'PodDisruptionBudget', seed: 6201, apps: inChart(fc.tuple(validBudget, pdbPolicy), ({ chart }, [b, policy]) => buildBudget(chart, b, policy)) },
  { name: 'PriorityClass', seed: 6301, apps: inChart(priorityClassProps, ({ chart }, p) => new PriorityClass(chart, 'pc', p)) },
  { name: 'ResourceQuota', seed: 6401, apps: inChart(fc.tuple(quotaProps, quotaScoping), ({ chart }, [p, s]) => buildQuota(chart, p, s)) },
  { name: 'ServiceAccount', seed: 6601, apps: inChart(serviceAccountProps, ({ chart }, p) => buildServiceAccount(chart, p)) },
  { name: 'Role', seed: 6101, apps: inChart(roleApp, buildRoleApp) },
  { name: 'ClusterRole', seed: 6102, apps: inChart(clusterRoleApp, buildClusterRoleApp) },
];
