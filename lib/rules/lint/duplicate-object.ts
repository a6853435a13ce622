/** Two objects with the same group, kind, namespace and name overwrite each other on apply. */
import { Issue } from '../../util/errors';
import { Located, SetRule } from '../types';

function where(o: Located): string {
  return o.constructPath ?? `${o.file}:${o.line ?? 1}`;
}

export const duplicateObjectRule: SetRule = {
  id: 'duplicate-object',
  category: 'lint',
  defaultSeverity: 'error',
  description: 'No two objects share group, kind, namespace and name (one would overwrite the other).',
  check(objects): Issue[] {
    // The first object of each key; its location is only spelled out when a second one turns up.
    const seen = new Map<string, Located>();
    const issues: Issue[] = [];
    for (const o of objects) {
      const j = o.json;
      if (!j?.kind || !j?.metadata?.name) continue;
      const apiVersion = String(j.apiVersion ?? '');
      const slash = apiVersion.indexOf('/');
      const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
      const key = `${group}/${j.kind}/${j.metadata.namespace ?? ''}/${j.metadata.name}`;
      const prior = seen.get(key);
      const first = prior === undefined ? undefined : where(prior);
      if (first) {
        issues.push({
          ruleId: 'duplicate-object', severity: 'error', constructPath: o.constructPath, file: o.file, line: o.line, jsonPointer: '/metadata/name',
          message: `${j.kind} "${j.metadata.name}"${j.metadata.namespace ? ` in namespace "${j.metadata.namespace}"` : ''} is defined twice: by ${first} and by ${where(o)}`,
          fix: 'give one of them a different name (or let kubeforge generate names)',
        });
      } else seen.set(key, o);
    }
    return issues;
  },
};
