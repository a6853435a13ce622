/**
 * The API-server rules: checks the API server makes on create that the OpenAPI schema cannot express. Each
 * lives in its own file; all are category `apiserver` with default severity `error`, since the API server
 * would reject the object (or, for StatefulSet pod settings, every pod it creates).
 */
import { ObjectRule } from '../types';
import { containerResourcesRule } from './container-resources';
import { containersRule } from './containers';
import { cronJobScheduleRule } from './cronjob-schedule';
import { hpaSpecRule } from './hpa-spec';
import { liveObjectFieldsRule } from './live-object-fields';
import { objectMetadataRule } from './object-metadata';
import { podSchedulingRule } from './pod-scheduling';
import { podSpecRule } from './pod-spec';
import { securityContextRule } from './security-context';
import { podVolumesRule } from './pod-volumes';
import { probesRule } from './probes';
import { pvcSpecRule } from './pvc-spec';
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
  podSpecRule,
  securityContextRule,
  workloadSpecRule,
  serviceSpecRule,
  pvcSpecRule,
  cronJobScheduleRule,
  hpaSpecRule,
  liveObjectFieldsRule,
];

export {
  containerResourcesRule, containersRule, cronJobScheduleRule, hpaSpecRule, liveObjectFieldsRule, objectMetadataRule, podSchedulingRule, podVolumesRule,
  podSpecRule, probesRule, pvcSpecRule, securityContextRule, selectorMatchRule, serviceSpecRule, workloadSpecRule,
};
export { matchesSelector } from './selector-match';
export { scheduleProblem, timeZoneProblem } from './cronjob-schedule';
