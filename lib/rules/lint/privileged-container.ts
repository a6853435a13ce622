/**
 * Privileged mode, privilege escalation and the SYS_ADMIN/ALL capabilities each give a container (nearly)
 * root on the node: a compromise of the app becomes a compromise of the node.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS, pointerToken } from '../types';
import { isRecord, list, podContainers } from './objects';

const ID = 'privileged-container';
const DANGEROUS_CAPABILITIES = new Set(['SYS_ADMIN', 'ALL']);

export const privilegedContainerRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  kinds: POD_KINDS,
  description: 'No container is privileged, allows privilege escalation, or adds the SYS_ADMIN or ALL capability.',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    const add = (jsonPointer: string, message: string, fix: string) =>
      issues.push({ ruleId: ID, severity: 'warning', constructPath: path, jsonPointer, message, fix });
    for (const x of podContainers(obj)) {
      const { c, name } = x;
      const sc = c.securityContext;
      if (!isRecord(sc)) continue;
      if (sc.privileged === true) {
        add(`${x.pointer}/securityContext/privileged`, `container "${name}" sets privileged: true (full access to the node's devices and kernel); allowed: false or unset`,
          'remove privileged; grant only the capabilities the process needs (capabilities.add)');
      }
      if (sc.allowPrivilegeEscalation === true) {
        add(`${x.pointer}/securityContext/allowPrivilegeEscalation`, `container "${name}" sets allowPrivilegeEscalation: true (setuid binaries can gain root); allowed: false`,
          'set allowPrivilegeEscalation: false');
      }
      const added = isRecord(sc.capabilities) ? list(sc.capabilities.add) : [];
      added.forEach((cap, i) => {
        if (typeof cap !== 'string' || !DANGEROUS_CAPABILITIES.has(cap.toUpperCase().replace(/^CAP_/, ''))) return;
        add(`${x.pointer}/securityContext/capabilities/add/${pointerToken(i)}`, `container "${name}" adds capability ${cap}, which is as powerful as root on the node; allowed: narrower capabilities such as NET_BIND_SERVICE`,
          `remove ${cap} from capabilities.add and add only the specific capabilities the process needs`);
      });
    }
    return issues;
  },
};
