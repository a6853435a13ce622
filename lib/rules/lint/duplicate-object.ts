/** Two objects with the same group, kind, namespace and name overwrite each other on apply. */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';

export const duplicateObjectRule: SetRule = {
  id: 'duplicate-object',
  category: 'lint',
  defaultSeverity: 'error',
  description: 'No two objects share group, kind, namespace and name (one would overwrite the other).',
  check(objects): Issue[] {
    const seen = new Map<string, string>();
    const issues: Issue[] = [];
    for (const o of objects) {
      const j = o.json;
      if (!j?.kind || !j?.metadata?.name) continue;
      const group = String(j.apiVersion ?? '').includes('/') ? String(j.apiVersion).split('/')[0] : '';
      const key = `${group}/${j.kind}/${j.metadata.namespace ?? ''}/${j.metadata.name}`;
      const where = o.constructPath ?? `${o.file}:${o.line ?? 1}`;
      const first = seen.get(key);
      if (first) {
        issues.push({
          ruleId: 'duplicate-object', severity: 'error', constructPath: o.constructPath, file: o.file, line: o.line, jsonPointer: '/metadata/name',
          message: `${j.kind} "${j.metadata.name}"${j.metadata.namespace ? ` in namespace "${j.metadata.namespace}"` : ''} is defined twice: by ${first} and by ${where}`,
          fix: 'give one of them a different name (or let kubeforge generate names)',
        });
      } else seen.set(key, where);
    }
    return issues;
  },
};
