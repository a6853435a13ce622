/** Names, namespaces and labels as the apiserver checks them, after escape-hatch patches have been applied. */
import { Issue } from '../util/errors';
import { checkName, checkLabelKey, checkLabelValue } from '../util/names';
import { ObjectRule } from './types';

export const objectMetadataRule: ObjectRule = {
  id: 'object-metadata',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'Object names, namespaces and labels follow the API server\'s syntax rules.',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    const add = (jsonPointer: string, message: string, fix: string) =>
      issues.push({ ruleId: 'object-metadata', severity: 'error', constructPath: path, jsonPointer, message, fix });
    if (typeof obj?.apiVersion !== 'string' || typeof obj?.kind !== 'string') {
      add('', 'object has no apiVersion or kind', 'set apiVersion and kind');
      return issues;
    }
    const name = obj.metadata?.name;
    if (typeof name !== 'string') {
      if (typeof obj.metadata?.generateName !== 'string') add('/metadata/name', `${obj.kind} has no metadata.name`, 'give the object a name');
    } else {
      const bad = checkName(obj.kind, name);
      if (bad) add('/metadata/name', `${bad.problem}; allowed: ${bad.allowed}`, 'rename the object');
    }
    const ns = obj.metadata?.namespace;
    if (ns !== undefined) {
      const bad = typeof ns === 'string' ? checkName('Namespace', ns) : { problem: 'namespace must be a string', allowed: 'a DNS-1123 label' };
      if (bad) add('/metadata/namespace', `namespace ${JSON.stringify(ns)}: ${bad.problem}; allowed: ${bad.allowed}`, 'use a valid namespace name');
    }
    checkLabelMap(obj.metadata?.labels, '/metadata/labels', add);
    const tpl = obj.spec?.template?.metadata?.labels;
    if (tpl) checkLabelMap(tpl, '/spec/template/metadata/labels', add);
    return issues;
  },
};

function checkLabelMap(labels: unknown, pointer: string, add: (p: string, m: string, f: string) => void): void {
  if (labels === undefined || labels === null) return;
  if (typeof labels !== 'object') return add(pointer, 'labels must be a map of strings', 'use { key: "value" }');
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    const kp = checkLabelKey(k);
    if (kp) add(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, `label key ${JSON.stringify(k)}: ${kp}`, 'rename the label key');
    const vp = typeof v === 'string' ? checkLabelValue(v) : 'a label value must be a string';
    if (vp) add(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, `label ${k}=${JSON.stringify(v)}: ${vp}`, 'change the label value');
  }
}
