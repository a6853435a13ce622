/**
 * A workload that sets spec.replicas while an HPA scales it has its scale reset to that number by every apply,
 * until the HPA scales it back: capacity flaps on each deploy.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { showObject, isRecord, issueAt } from './objects';
import { scaledTargets } from './hpa';

const ID = 'hpa-fixed-replicas';

export const hpaFixedReplicasRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'A workload scaled by an HPA does not set spec.replicas (every apply would reset the scale).',
  check(objects): Issue[] {
    const issues: Issue[] = [];
    for (const t of scaledTargets(objects)) {
      const spec = t.target?.json.spec;
      if (!t.target || !isRecord(spec) || spec.replicas === undefined || spec.replicas === null) continue;
      issues.push(issueAt(t.target, ID, 'warning', '/spec/replicas',
        `${showObject(t.target.json)} sets spec.replicas: ${JSON.stringify(spec.replicas)} while ${showObject(t.hpa.json)} scales it; every apply resets the scale to ${JSON.stringify(spec.replicas)}`,
        'remove spec.replicas and let the HPA\'s minReplicas set the floor (kubeforge omits it for autoscaled workloads)'));
    }
    return issues;
  },
};
