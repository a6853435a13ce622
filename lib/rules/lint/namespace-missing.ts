/**
 * Objects in a namespace that nothing creates fail to apply ("namespaces not found"). The namespace may exist
 * in the cluster, so this is a warning, reported once per namespace (one Namespace object fixes them all). The
 * namespaces every cluster has are skipped.
 */
import { Issue } from '../../util/errors';
import { Located, SetRule } from '../types';
import { showObject, isRecord, issueAt, nameOf, str } from './objects';

const ID = 'namespace-missing';
const BUILT_IN = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceMissingRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'Every namespace that objects are placed in is created by a Namespace object of the set (built-in namespaces excepted).',
  check(objects): Issue[] {
    const created = new Set<string>();
    const users = new Map<string, Located[]>();
    for (const o of objects) {
      if (!isRecord(o.json)) continue;
      if (o.json.kind === 'Namespace') {
        const name = nameOf(o.json);
        if (name) created.add(name);
        continue;
      }
      const ns = isRecord(o.json.metadata) ? str(o.json.metadata.namespace) : undefined;
      if (!ns || BUILT_IN.has(ns)) continue;
      const list = users.get(ns);
      if (list) list.push(o);
      else users.set(ns, [o]);
    }
    const issues: Issue[] = [];
    for (const [ns, list] of users) {
      if (created.has(ns)) continue;
      const others = list.length > 1 ? ` (and ${list.length - 1} more object${list.length > 2 ? 's' : ''})` : '';
      issues.push(issueAt(list[0], ID, 'warning', '/metadata/namespace',
        `${showObject(list[0].json)}${others} is in namespace "${ns}", which no Namespace object of the set creates; applying fails unless it exists`,
        `add a Namespace "${ns}" (kubeforge: new Namespace(...) and pass it as namespace), or ignore this if the cluster already has it`));
    }
    return issues;
  },
};
