/**
 * An HPA whose scaleTargetRef names a workload that the set does not define scales nothing. The workload may
 * already exist in the cluster, hence a warning; a near miss (other kind or namespace) is named in the message.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { showObject, issueAt, kindOf, namespaceOf } from './objects';
import { scaledTargets } from './hpa';
import { setIndexOf } from './set-index';

const ID = 'hpa-target-missing';

export const hpaTargetMissingRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'An HPA\'s scaleTargetRef names a Deployment, StatefulSet or ReplicaSet defined in its namespace.',
  check(objects): Issue[] {
    const missing = scaledTargets(objects).filter((t) => !t.target);
    if (missing.length === 0) return [];
    const index = setIndexOf(objects);
    return missing.map((t) => {
      const near = index.withName(t.name).find((e) => e.kind !== 'HorizontalPodAutoscaler')?.o;
      const hint = !near ? ''
        : namespaceOf(near.json) !== t.namespace ? ` (a ${kindOf(near.json)} "${t.name}" exists in namespace "${namespaceOf(near.json)}")`
        : ` (the set has a ${kindOf(near.json)} of that name)`;
      return issueAt(t.hpa, ID, 'warning', '/spec/scaleTargetRef',
        `${showObject(t.hpa.json)} scales ${t.kind} "${t.name}", which is not defined in namespace "${t.namespace}"${hint}; allowed: a Deployment, StatefulSet or ReplicaSet of the set`,
        'point scaleTargetRef at the workload (kubeforge: workload.autoscale()), or ignore this if the workload already exists in the cluster');
    });
  },
};
