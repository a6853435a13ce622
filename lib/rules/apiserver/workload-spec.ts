/**
 * Workload specs as the API server checks them (apps and batch validation): replica counts and other
 * non-negative fields, rollout strategies, the pod template's restartPolicy per kind, Job completion settings
 * and CronJob history and concurrency. Unset fields are judged by the defaults the API server fills in.
 */
import { Issue } from '../../util/errors';
import { isDns1123Label } from '../../util/names';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { checkJobPolicies } from './job-policies';
import { APPS_WORKLOADS, Obj, Sink, isInt, isObj, isStr, show, sink } from './support';

const PERCENT = /^[0-9]+%$/;

export const workloadSpecRule: ObjectRule = {
  id: 'workload-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: [...APPS_WORKLOADS, 'ReplicationController', 'Job', 'CronJob'],
  description: 'Workload replicas, strategies, restart policies, Job completion settings and CronJob policies are values the API server accepts.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    if (!isObj(obj) || !isObj(obj.spec)) return [];
    const out = sink('workload-spec', path);
    const version = ctx?.k8sVersion;
    const spec = obj.spec;
    if (APPS_WORKLOADS.has(obj.kind) || obj.kind === 'ReplicationController') {
      nonNegative(spec, '/spec', ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], out);
      checkTemplateForControllers(obj, out);
    }
    if (obj.kind === 'Deployment') checkDeployment(spec, out);
    if (obj.kind === 'DaemonSet') checkDaemonSet(spec, out);
    if (obj.kind === 'StatefulSet') checkStatefulSet(spec, version, out);
    if (obj.kind === 'Job') checkJob(spec, '/spec', obj.metadata?.name, out);
    if (obj.kind === 'CronJob') checkCronJob(spec, out);
    return out.issues;
  },
};

function nonNegative(spec: Obj, p: string, fields: string[], out: Sink): void {
  for (const f of fields) {
    const v = spec[f];
    if (v !== undefined && v !== null && (!isInt(v) || v < 0)) out.add(`${p}/${f}`, `${f} is ${show(v)}; it must be an integer of at least 0`, `set ${f} to 0 or more`);
  }
}

/** Controllers keep their pods running: restartPolicy must be Always, and pods may not have a deadline. */
function checkTemplateForControllers(obj: Obj, out: Sink): void {
  const pod = obj.spec.template?.spec;
  if (!isObj(pod)) return;
  if (pod.restartPolicy !== undefined && pod.restartPolicy !== 'Always') {
    out.add('/spec/template/spec/restartPolicy', `a ${obj.kind}'s pods must use restartPolicy Always (got ${show(pod.restartPolicy)})`, 'remove restartPolicy, or use a Job for run-to-completion work');
  }
  if (pod.activeDeadlineSeconds !== undefined && pod.activeDeadlineSeconds !== null) {
    out.add('/spec/template/spec/activeDeadlineSeconds', `activeDeadlineSeconds is not supported in a ${obj.kind}'s pod template`, 'remove it (a Job can limit its run time with spec.activeDeadlineSeconds)');
  }
}

/** An int-or-percent rollout bound; returns its value (count or percent) when valid. */
function intOrPercent(v: unknown, p: string, field: string, out: Sink): number | undefined {
  if (isInt(v) && v >= 0) return v;
  if (isStr(v) && PERCENT.test(v)) return Number(v.slice(0, -1));
  out.add(p, `${field} ${show(v)} is invalid; allowed: a non-negative integer or a percentage such as "25%"`, 'use e.g. 1 or "25%"');
  return undefined;
}

function checkDeployment(spec: Obj, out: Sink): void {
  const minReady = isInt(spec.minReadySeconds) ? spec.minReadySeconds : 0;
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (!isInt(deadline) || deadline <= minReady)) {
    out.add('/spec/progressDeadlineSeconds', `progressDeadlineSeconds ${show(deadline)} must be greater than minReadySeconds (${minReady})`, 'raise progressDeadlineSeconds (default 600) or lower minReadySeconds');
  }
  const strategy = spec.strategy;
  if (!isObj(strategy)) return;
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') {
    if (strategy.rollingUpdate != null) out.add('/spec/strategy/rollingUpdate', 'strategy.rollingUpdate may not be set when strategy.type is Recreate', 'remove rollingUpdate, or use type RollingUpdate');
    return;
  }
  if (type !== 'RollingUpdate') return out.add('/spec/strategy/type', `strategy.type ${show(type)} is not supported; allowed: RollingUpdate, Recreate`, 'use RollingUpdate or Recreate');
  const ru = strategy.rollingUpdate;
  if (!isObj(ru)) return;
  // Unset bounds default to 25%.
  const unavailable = ru.maxUnavailable === undefined ? 25 : intOrPercent(ru.maxUnavailable, '/spec/strategy/rollingUpdate/maxUnavailable', 'maxUnavailable', out);
  const surge = ru.maxSurge === undefined ? 25 : intOrPercent(ru.maxSurge, '/spec/strategy/rollingUpdate/maxSurge', 'maxSurge', out);
  if (unavailable === 0 && surge === 0) {
    out.add('/spec/strategy/rollingUpdate/maxUnavailable', 'maxUnavailable and maxSurge are both 0; the rollout could never replace a pod', 'allow at least one: e.g. maxSurge: 1 (a new pod first) or maxUnavailable: 1');
  }
  if (isStr(ru.maxUnavailable) && unavailable !== undefined && unavailable > 100) {
    out.add('/spec/strategy/rollingUpdate/maxUnavailable', `maxUnavailable ${show(ru.maxUnavailable)} is more than 100%`, 'use at most "100%"');
  }
}

function checkDaemonSet(spec: Obj, out: Sink): void {
  const strategy = spec.updateStrategy;
  if (!isObj(strategy)) return;
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate') return out.add('/spec/updateStrategy/type', `updateStrategy.type ${show(type)} is not supported; allowed: RollingUpdate, OnDelete`, 'use RollingUpdate or OnDelete');
  const ru = strategy.rollingUpdate;
  if (!isObj(ru)) return;
  const p = '/spec/updateStrategy/rollingUpdate';
  // A DaemonSet defaults maxUnavailable to 1 and maxSurge to 0, and exactly one of them may be non-zero.
  const unavailable = ru.maxUnavailable === undefined ? 1 : intOrPercent(ru.maxUnavailable, `${p}/maxUnavailable`, 'maxUnavailable', out);
  const surge = ru.maxSurge === undefined ? 0 : intOrPercent(ru.maxSurge, `${p}/maxSurge`, 'maxSurge', out);
  for (const [f, v] of [['maxUnavailable', unavailable], ['maxSurge', surge]] as const) {
    if (isStr(ru[f]) && v !== undefined && v > 100) out.add(`${p}/${f}`, `${f} ${show(ru[f])} is more than 100%`, 'use at most "100%"');
  }
  if (unavailable !== undefined && surge !== undefined) {
    if (unavailable !== 0 && surge !== 0) {
      out.add(`${p}/maxSurge`, `maxSurge ${show(ru.maxSurge)} may not be set while maxUnavailable is ${ru.maxUnavailable === undefined ? '1 (the default)' : show(ru.maxUnavailable)}; a DaemonSet allows only one of them to be non-zero`, 'set maxUnavailable: 0 to surge, or remove maxSurge');
    } else if (unavailable === 0 && surge === 0) {
      out.add(`${p}/maxUnavailable`, 'maxUnavailable and maxSurge are both 0; the rollout could never replace a pod', 'set maxUnavailable: 1 or maxSurge: 1');
    }
  }
}

function checkStatefulSet(spec: Obj, version: string | undefined, out: Sink): void {
  if (spec.podManagementPolicy !== undefined && !['OrderedReady', 'Parallel'].includes(spec.podManagementPolicy)) {
    out.add('/spec/podManagementPolicy', `podManagementPolicy ${show(spec.podManagementPolicy)} is not supported; allowed: OrderedReady, Parallel`, 'use OrderedReady (the default) or Parallel');
  }
  const strategy = spec.updateStrategy;
  if (isObj(strategy)) {
    const type = strategy.type ?? 'RollingUpdate';
    if (type === 'OnDelete' && strategy.rollingUpdate != null) {
      out.add('/spec/updateStrategy/rollingUpdate', 'updateStrategy.rollingUpdate is only allowed with updateStrategy.type RollingUpdate', 'remove rollingUpdate, or use type RollingUpdate');
    } else if (type !== 'OnDelete' && type !== 'RollingUpdate') {
      out.add('/spec/updateStrategy/type', `updateStrategy.type ${show(type)} is not supported; allowed: RollingUpdate, OnDelete`, 'use RollingUpdate or OnDelete');
    } else if (isObj(strategy.rollingUpdate)) {
      const ru = strategy.rollingUpdate;
      const p = '/spec/updateStrategy/rollingUpdate';
      nonNegative(ru, p, ['partition'], out);
      // MaxUnavailableStatefulSet; when off, the API server drops the field unchecked.
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null && featureEnabled('MaxUnavailableStatefulSet', version)) {
        const v = intOrPercent(ru.maxUnavailable, `${p}/maxUnavailable`, 'maxUnavailable', out);
        if (v === 0) out.add(`${p}/maxUnavailable`, 'maxUnavailable is 0; a StatefulSet rollout needs at least 1', 'remove maxUnavailable (default 1) or set it to 1 or more');
        if (v !== undefined && isStr(ru.maxUnavailable) && v > 100) out.add(`${p}/maxUnavailable`, `maxUnavailable ${show(ru.maxUnavailable)} is more than 100%`, 'use at most "100%"');
      }
    }
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(retention)) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (retention[f] !== undefined && retention[f] !== 'Retain' && retention[f] !== 'Delete') {
        out.add(`/spec/persistentVolumeClaimRetentionPolicy/${f}`, `persistentVolumeClaimRetentionPolicy.${f} ${show(retention[f])} is not supported; allowed: Retain, Delete`, 'use Retain (the default) or Delete');
      }
    }
  }
  if (isObj(spec.ordinals)) nonNegative(spec.ordinals, '/spec/ordinals', ['start'], out);
  // Each claim template becomes a pod volume of the same name, so its name must be a valid volume name.
  (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).forEach((t: unknown, i: number) => {
    if (!isObj(t)) return;
    const name = isObj(t.metadata) ? t.metadata.name : undefined;
    if (name === undefined || name === null || name === '') {
      out.add(`/spec/volumeClaimTemplates/${i}/metadata/name`, `volume claim template ${i} has no name; it names the pods' volume and their claims`, 'set metadata.name, e.g. "data"');
    } else if (!isStr(name) || !isDns1123Label(name)) {
      out.add(`/spec/volumeClaimTemplates/${i}/metadata/name`, `volume claim template name ${show(name)} is not a valid volume name; allowed: a lowercase DNS-1123 label (letters, digits and "-", at most 63 characters)`, 'use a name such as "data"');
    }
  });
  // A new StatefulSet's serviceName must be a DNS-1123 label: it becomes each pod's DNS subdomain.
  if (spec.serviceName !== undefined && spec.serviceName !== '' && (!isStr(spec.serviceName) || !isDns1123Label(spec.serviceName))) {
    out.add('/spec/serviceName', `serviceName ${show(spec.serviceName)} is not a valid DNS-1123 label; the API server rejects it (the name becomes the pods' subdomain)`, 'use the name of the governing headless Service, e.g. "db"');
  }
}

function checkJob(spec: Obj, p: string, name: unknown, out: Sink): void {
  nonNegative(spec, p, ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'], out);
  const mode = spec.completionMode ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') {
    out.add(`${p}/completionMode`, `completionMode ${show(spec.completionMode)} is not supported; allowed: NonIndexed, Indexed`, 'use NonIndexed (the default) or Indexed');
  } else if (mode === 'Indexed') {
    if (spec.completions === undefined || spec.completions === null) out.add(`${p}/completions`, 'an Indexed Job needs spec.completions', 'set completions to the number of indexes');
    else if (isStr(name) && isInt(spec.completions) && spec.completions > 0 && !isDns1123Label(`${name}-${BigInt(spec.completions) - 1n}`)) {
      out.add('/metadata/name', `Job name ${show(name)} is too long for ${spec.completions} indexes: pod hostname "${name}-${BigInt(spec.completions) - 1n}" would not be a valid DNS-1123 label (at most 63 characters)`, 'shorten the Job name');
    }
  } else {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (spec[f] !== undefined && spec[f] !== null) out.add(`${p}/${f}`, `${f} requires completionMode Indexed`, `remove ${f}, or set completionMode: Indexed`);
    }
  }
  checkJobPolicies(spec, p, out);
  const pod = spec.template?.spec;
  if (!isObj(pod)) return;
  const rp = pod.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') {
    out.add(`${p}/template/spec/restartPolicy`, `a Job's pods need restartPolicy OnFailure or Never (got ${rp === undefined ? 'none, which defaults to Always' : show(rp)})`, 'set restartPolicy: OnFailure (retry in place) or Never (new pod per retry)');
  } else if (spec.podFailurePolicy != null && rp !== 'Never') {
    out.add(`${p}/template/spec/restartPolicy`, 'podFailurePolicy requires restartPolicy Never', 'set restartPolicy: Never, or remove podFailurePolicy');
  }
}

function checkCronJob(spec: Obj, out: Sink): void {
  nonNegative(spec, '/spec', ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], out);
  if (spec.concurrencyPolicy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(spec.concurrencyPolicy)) {
    out.add('/spec/concurrencyPolicy', `concurrencyPolicy ${show(spec.concurrencyPolicy)} is not supported; allowed: Allow, Forbid, Replace`, 'use Allow (the default), Forbid or Replace');
  }
  const jobSpec = spec.jobTemplate?.spec;
  if (isObj(jobSpec)) checkJob(jobSpec, '/spec/jobTemplate/spec', undefined, out);
}
