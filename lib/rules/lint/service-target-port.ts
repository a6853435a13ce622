/**
 * A Service port forwards to targetPort on the selected pods (targetPort defaults to port). A named targetPort
 * is looked up in each pod's container ports, by name and protocol: if no selected pod template has it, no pod
 * ever becomes an endpoint for that port (error). A number is used as is, so an undeclared one only suggests a
 * mistake (warning). Services that select nothing in the set are left to service-selects-no-pod.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { appContainersOf, showObject, isRecord, issueAt, list, PodTemplate } from './objects';
import { selectingServices, templateIndexOf } from './selection';

const ID = 'service-target-port';

interface DeclaredPort {
  readonly name?: string;
  readonly number?: number;
  readonly protocol: string;
}

function declaredPorts(t: PodTemplate): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const { c } of appContainersOf(t.spec, t.pointer)) {
    for (const p of list(c.ports)) {
      if (!isRecord(p)) continue;
      out.push({
        name: typeof p.name === 'string' ? p.name : undefined,
        number: typeof p.containerPort === 'number' ? p.containerPort : undefined,
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      });
    }
  }
  return out;
}

function showPorts(ports: readonly DeclaredPort[]): string {
  if (ports.length === 0) return 'no container ports';
  const shown = ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.number ?? '?'}/${p.protocol}`);
  return `container ports ${[...new Set(shown)].join(', ')}`;
}

function listNames(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

export const serviceTargetPortRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'error',
  description: 'Every Service targetPort is a container port of the selected pods: by name (error otherwise) or by number (warning otherwise).',
  check(objects): Issue[] {
    const services = selectingServices(objects);
    if (services.length === 0) return [];
    const index = templateIndexOf(objects);
    const issues: Issue[] = [];
    for (const s of services) {
      const selected = index.select(s);
      if (selected.length === 0) continue;
      const declared = selected.flatMap(declaredPorts);
      const targets = () => listNames(selected.map((t) => showObject(t.o.json)));
      list(s.o.json.spec.ports).forEach((sp, i) => {
        if (!isRecord(sp)) return;
        const protocol = typeof sp.protocol === 'string' ? sp.protocol : 'TCP';
        const explicit = sp.targetPort !== undefined && sp.targetPort !== null;
        const target = explicit ? sp.targetPort : sp.port;
        const pointer = `/spec/ports/${i}/${explicit ? 'targetPort' : 'port'}`;
        const label = () => (typeof sp.name === 'string' ? `port "${sp.name}"` : `port ${String(sp.port)}`);
        if (typeof target === 'string') {
          if (declared.some((p) => p.name === target && p.protocol === protocol)) return;
          issues.push(issueAt(s.o, ID, 'error', pointer,
            `${showObject(s.o.json)} ${label()} targets port name "${target}"/${protocol}, but the selected ${targets()} declare ${showPorts(declared)}; no pod becomes an endpoint`,
            `name a container port "${target}" (protocol ${protocol}), or set targetPort to one of the declared port names`));
        } else if (typeof target === 'number') {
          if (declared.some((p) => p.number === target && p.protocol === protocol)) return;
          issues.push(issueAt(s.o, ID, 'warning', pointer,
            `${showObject(s.o.json)} ${label()} targets ${target}/${protocol}, which the selected ${targets()} do not declare (they declare ${showPorts(declared)})`,
            `declare containerPort ${target} on the container that listens on it, or target a declared port (by name, preferably)`));
        }
      });
    }
    return issues;
  },
};

