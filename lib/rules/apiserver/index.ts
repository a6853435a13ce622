/**
 * The API-server rules: checks the API server makes on create that the OpenAPI schema cannot express. Each
 * lives in its own file; all are category `apiserver` with default severity `error`, since the API server
 * would reject the object (or, for StatefulSet pod settings, every pod it creates). The exceptions are the API
 * lifecycle rules (category `schema`): disabled-api (error) and deprecated-api (a warning, as the server's is).
 */
import { ObjectRule } from '../types';
import { deprecatedApiRule, disabledApiRule } from './api-lifecycle';
import { configDataRule } from './config-data';
import { containerResourcesRule } from './container-resources';
import { coreObjectsRule } from './core-objects';
import { containersRule } from './containers';
import { crdSpecRule } from './crd-spec';
import { cronJobScheduleRule } from './cronjob-schedule';
import { hpaSpecRule } from './hpa-spec';
import { jobGatedFieldsRule } from './job-gated-fields';
import { limitRangeRule } from './limit-range';
import { listMapKeysRule } from './list-map-keys';
import { ingressSpecRule } from './ingress-spec';
import { liveObjectFieldsRule } from './live-object-fields';
import { networkPolicySpecRule } from './network-policy-spec';
import { objectMetadataRule } from './object-metadata';
import { pdbSpecRule } from './pdb-spec';
import { podSchedulingRule } from './pod-scheduling';
import { podSpecRule } from './pod-spec';
import { securityContextRule } from './security-context';
import { podVolumesRule } from './pod-volumes';
import { priorityClassRule } from './priority-class';
import { probesRule } from './probes';
import { pvcSpecRule } from './pvc-spec';
import { resourceQuotaRule } from './resource-quota';
import { rbacSpecRule } from './rbac-spec';
import { runtimeClassRule } from './runtime-class';
import { selectorMatchRule } from './selector-match';
import { serviceCidrRule } from './service-cidr';
import { serviceSpecRule } from './service-spec';
import { storageSpecRule } from './storage-spec';
import { webhookConfigRule } from './webhook-config';
import { workloadSpecRule } from './workload-spec';

export const APISERVER_RULES: readonly ObjectRule[] = [
  objectMetadataRule,
  selectorMatchRule,
  containersRule,
  containerResourcesRule,
  podVolumesRule,
  probesRule,
  podSchedulingRule,
  podSpecRule,
  securityContextRule,
  workloadSpecRule,
  serviceSpecRule,
  pvcSpecRule,
  cronJobScheduleRule,
  hpaSpecRule,
  jobGatedFieldsRule,
  configDataRule,
  limitRangeRule,
  resourceQuotaRule,
  coreObjectsRule,
  ingressSpecRule,
  networkPolicySpecRule,
  pdbSpecRule,
  rbacSpecRule,
  storageSpecRule,
  priorityClassRule,
  runtimeClassRule,
  webhookConfigRule,
  serviceCidrRule,
  crdSpecRule,
  liveObjectFieldsRule,
  listMapKeysRule,
  disabledApiRule,
  deprecatedApiRule,
];

export {
  configDataRule, coreObjectsRule, limitRangeRule, resourceQuotaRule, listMapKeysRule,
  containerResourcesRule, containersRule, cronJobScheduleRule, hpaSpecRule, liveObjectFieldsRule, objectMetadataRule, podSchedulingRule, podVolumesRule,
  probesRule, pvcSpecRule, selectorMatchRule, serviceSpecRule, workloadSpecRule, disabledApiRule, deprecatedApiRule, jobGatedFieldsRule,
  ingressSpecRule, networkPolicySpecRule, pdbSpecRule, rbacSpecRule, storageSpecRule, priorityClassRule, runtimeClassRule, webhookConfigRule, serviceCidrRule, crdSpecRule,
  podSpecRule, securityContextRule,
};
export { matchesSelector } from './selector-match';
export { scheduleProblem, timeZoneProblem } from './cronjob-schedule';
