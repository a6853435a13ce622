/**
 * The lints: objects the API server accepts but that are likely wrong (per object), or wrong together (across
 * the set). Severities follow what the set can prove: error only when it is certainly broken, warning when the
 * missing piece may already exist in the cluster.
 */
import { ObjectRule, RuleConfig, SetRule } from '../types';
import { duplicateObjectRule } from './duplicate-object';
import { hpaFixedReplicasRule } from './hpa-fixed-replicas';
import { hpaNoRequestsRule } from './hpa-no-requests';
import { hpaTargetMissingRule } from './hpa-target-missing';
import { imageLatestTagRule } from './image-latest-tag';
import { missingLimitsRule } from './missing-limits';
import { missingReferenceRule } from './missing-reference';
import { missingRequestsRule } from './missing-requests';
import { namespaceMissingRule } from './namespace-missing';
import { privilegedContainerRule } from './privileged-container';
import { probePortRule } from './probe-port';
import { pvPvcMismatchRule } from './pv-pvc-mismatch';
import { pvcNoMatchRule } from './pvc-no-match';
import { runAsRootRule } from './run-as-root';
import { serviceSelectsNoPodRule } from './service-selects-no-pod';
import { serviceTargetPortRule } from './service-target-port';

export const LINT_OBJECT_RULES: readonly ObjectRule[] = [
  probePortRule,
  imageLatestTagRule,
  missingRequestsRule,
  missingLimitsRule,
  privilegedContainerRule,
  runAsRootRule,
];

export const LINT_SET_RULES: readonly SetRule[] = [
  duplicateObjectRule,
  serviceSelectsNoPodRule,
  serviceTargetPortRule,
  hpaTargetMissingRule,
  hpaNoRequestsRule,
  hpaFixedReplicasRule,
  pvcNoMatchRule,
  pvPvcMismatchRule,
  missingReferenceRule,
  namespaceMissingRule,
];

const ALL_LINTS = [...LINT_OBJECT_RULES, ...LINT_SET_RULES];

/** The recommended preset: every lint at its default severity. */
export const RECOMMENDED: RuleConfig = Object.freeze(Object.fromEntries(ALL_LINTS.map((r) => [r.id, r.defaultSeverity])));

/** Every lint as an error (for CI gates that accept no warnings). */
export const STRICT: RuleConfig = Object.freeze(Object.fromEntries(ALL_LINTS.map((r) => [r.id, 'error' as const])));

export {
  duplicateObjectRule, hpaFixedReplicasRule, hpaNoRequestsRule, hpaTargetMissingRule, imageLatestTagRule, missingLimitsRule,
  missingReferenceRule, missingRequestsRule, namespaceMissingRule, privilegedContainerRule, probePortRule, pvPvcMismatchRule,
  pvcNoMatchRule, runAsRootRule, serviceSelectsNoPodRule, serviceTargetPortRule,
};
