/**
 * A process running as UID 0 is root on the node once it escapes the container. Either runAsNonRoot: true
 * (the kubelet refuses to start a root image) or an explicit non-zero runAsUser rules that out; container
 * settings override pod settings, as in the kubelet.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS, podSpecOf } from '../types';
import { containersOf, existingPointer, isRecord } from './objects';

const ID = 'run-as-root';

export const runAsRootRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  kinds: POD_KINDS,
  description: 'Containers do not run as root: runAsUser is never 0, and runAsNonRoot is true (or a non-zero runAsUser is set).',
  check(obj, path): Issue[] {
    const found = isRecord(obj) ? podSpecOf(obj) : undefined;
    if (!found || !isRecord(found.spec)) return [];
    const { spec, pointer } = found;
    // Windows containers have no UIDs; runAsUser/runAsNonRoot do not apply there.
    if (isRecord(spec.os) && spec.os.name === 'windows') return [];
    const issues: Issue[] = [];
    const add = (jsonPointer: string, message: string, fix: string) =>
      issues.push({ ruleId: ID, severity: 'warning', constructPath: path, jsonPointer, message, fix });
    const pod = isRecord(spec.securityContext) ? spec.securityContext : {};
    if (pod.runAsUser === 0) {
      add(`${pointer}/securityContext/runAsUser`, 'the pod sets runAsUser: 0 (root); allowed: a non-zero UID',
        'set runAsUser to a non-root UID such as 1000 (and runAsNonRoot: true)');
    }
    for (const x of containersOf(spec, pointer)) {
      const { c, name } = x;
      const sc = isRecord(c.securityContext) ? c.securityContext : {};
      if (sc.runAsUser === 0) {
        add(`${x.pointer}/securityContext/runAsUser`, `container "${name}" sets runAsUser: 0 (root); allowed: a non-zero UID`,
          'set runAsUser to a non-root UID such as 1000 (and runAsNonRoot: true)');
        continue;
      }
      const user = sc.runAsUser ?? pod.runAsUser;
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      if (nonRoot === true || (Number.isInteger(user) && user > 0) || user === 0) continue;
      add(existingPointer(c, x.pointer, ['securityContext', 'runAsNonRoot']),
        `container "${name}" may run as root: runAsNonRoot is ${nonRoot === false ? 'false' : 'not set'} and no non-zero runAsUser is set; expected: runAsNonRoot: true`,
        'set securityContext.runAsNonRoot: true on the pod or container (with runAsUser, e.g. 1000, if the image defaults to root)');
    }
    return issues;
  },
};
