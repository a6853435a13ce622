/**
 * A probe's port must be one the container exposes. A named port is resolved from the container's own ports,
 * so a missing name makes the probe fail every time (never ready, or restarted by the liveness probe): error.
 * A number works if the process listens there even when it is not declared, so that is only a warning.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS } from '../types';
import { isRecord, Json, list, podContainers } from './objects';

const ID = 'probe-port';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** Equal numbers, NaN included (as Array.prototype.includes compares). */
function sameNumber(a: unknown, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function showPorts(ports: readonly Json[]): string {
  return ports.length === 0 ? 'no ports' : `ports ${ports.map((p) => (p.name ? `${p.name} (${p.containerPort})` : String(p.containerPort))).join(', ')}`;
}

export const probePortRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'error',
  kinds: POD_KINDS,
  description: 'Liveness, readiness and startup probes use a port the container declares (by name, or by number: warning).',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    for (const x of podContainers(obj)) {
      const { c, name } = x;
      // Only containers with a probe on a port need their ports (most probe none, or one).
      let ports: Json[] | undefined;
      for (const probe of PROBES) {
        const pr = c[probe];
        if (!isRecord(pr)) continue;
        for (const h of HANDLERS) {
          const handler = pr[h];
          if (!isRecord(handler)) continue;
          // A probe against another host says nothing about this container's ports.
          if (typeof handler.host === 'string' && handler.host !== '') continue;
          const port = handler.port;
          if (typeof port !== 'string' && typeof port !== 'number') continue;
          ports ??= list(c.ports).filter(isRecord);
          const jsonPointer = `${x.pointer}/${probe}/${h}/port`;
          if (typeof port === 'string' && !ports.some((p) => p.name === port)) {
            issues.push({
              ruleId: ID, severity: 'error', constructPath: path, jsonPointer,
              message: `${probe} of container "${name}" uses port "${port}", but the container declares ${showPorts(ports)}; allowed: one of its port names`,
              fix: `add a port named "${port}" to the container, or probe one of its declared ports`,
            });
          } else if (typeof port === 'number' && !ports.some((p) => sameNumber(p.containerPort, port))) {
            issues.push({
              ruleId: ID, severity: 'warning', constructPath: path, jsonPointer,
              message: `${probe} of container "${name}" uses port ${port}, which the container does not declare (it declares ${showPorts(ports)})`,
              fix: `declare containerPort ${port} on the container, or probe the port the process listens on`,
            });
          }
        }
      }
    }
    return issues;
  },
};
