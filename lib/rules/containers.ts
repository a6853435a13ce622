/** The container checks the apiserver makes and the OpenAPI schema leaves out. */
import { Issue } from '../util/errors';
import { ObjectRule, podSpecOf } from './types';

export const containersRule: ObjectRule = {
  id: 'containers',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'A pod has at least one container, and every container has a unique name, an image and valid ports.',
  check(obj, path): Issue[] {
    const found = podSpecOf(obj);
    if (!found) return [];
    const { spec, pointer } = found;
    const issues: Issue[] = [];
    const add = (p: string, message: string, fix: string) =>
      issues.push({ ruleId: 'containers', severity: 'error', constructPath: path, jsonPointer: p, message, fix });
    if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
      add(`${pointer}/containers`, `${obj.kind} "${obj.metadata?.name}" has no containers`, 'add a container (addContainer)');
    }
    const names = new Set<string>();
    for (const list of ['initContainers', 'containers'] as const) {
      (spec[list] ?? []).forEach((c: any, i: number) => {
        const p = `${pointer}/${list}/${i}`;
        if (!c?.name) add(`${p}/name`, `container #${i} has no name`, 'give every container a name');
        else if (names.has(c.name)) add(`${p}/name`, `container name "${c.name}" is used twice`, 'give every container a unique name');
        else names.add(c.name);
        if (!c?.image || typeof c.image !== 'string' || c.image.trim() !== c.image) {
          add(`${p}/image`, `container "${c?.name ?? i}" has no valid image (${JSON.stringify(c?.image)})`, 'set image, e.g. "nginx:1.27"');
        }
        const ports = new Set<string>();
        (c?.ports ?? []).forEach((port: any, j: number) => {
          const n = port?.containerPort;
          if (!Number.isInteger(n) || n < 1 || n > 65535) {
            add(`${p}/ports/${j}/containerPort`, `containerPort ${JSON.stringify(n)} is out of range 1-65535`, 'use the port the process listens on');
          }
          if (port?.name) {
            if (ports.has(port.name)) add(`${p}/ports/${j}/name`, `port name "${port.name}" is used twice in container "${c.name}"`, 'give each port a unique name');
            ports.add(port.name);
          }
        });
      });
    }
    return issues;
  },
};
