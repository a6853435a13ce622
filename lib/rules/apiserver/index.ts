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
import { cronJobScheduleRule } from './cronjob-schedule';
import { hpaSpecRule } from './hpa-spec';
import { jobGatedFieldsRule } from './job-gated-fields';
import { limitRangeRule } from './limit-range';
import { listMapKeysRule } from './list-map-keys';
import { liveObjectFieldsRule } from './live-object-fields';
import { objectMetadataRule } from './object-metadata';
import { podSchedulingRule } from './pod-scheduling';
import { podVolumesRule } from './pod-volumes';
import { probesRule } from './probes';
import { pvcSpecRule } from './pvc-spec';
import { resourceQuotaRule } from './resource-quota';
import { selectorMatchRule } from './selector-match';
import { serviceSpecRule } from './service-spec';
import { workloadSpecRule } from './workload-spec';

export const APISERVER_RULES: readonly ObjectRule[] = [
  objectMetadataRule,
  selectorMatchRule,
  containersRule,
  containerResourcesRule,
  podVolumesRule,
  probesRule,
  podSchedulingRule,
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
  liveObjectFieldsRule,
  listMapKeysRule,
  disabledApiRule,
  deprecatedApiRule,
];

export {
  configDataRule, coreObjectsRule, limitRangeRule, resourceQuotaRule, listMapKeysRule,
  containerResourcesRule, containersRule, cronJobScheduleRule, hpaSpecRule, liveObjectFieldsRule, objectMetadataRule, podSchedulingRule, podVolumesRule,
  probesRule, pvcSpecRule, selectorMatchRule, serviceSpecRule, workloadSpecRule, disabledApiRule, deprecatedApiRule, jobGatedFieldsRule,
};
export { matchesSelector } from './selector-match';
export { scheduleProblem, timeZoneProblem } from './cronjob-schedule';
