import { Issue } from '../util/errors';

/** A rule over one rendered object. `path` is the construct path (or file:line) used in messages. */
export interface ObjectRule {
  readonly id: string;
  check(obj: Record<string, any>, path: string): Issue[];
}

export interface Located {
  readonly json: Record<string, any>;
  readonly constructPath?: string;
  readonly file?: string;
  readonly line?: number;
}

/** A rule over the whole set of objects (cross-object checks). */
export interface SetRule {
  readonly id: string;
  check(objects: readonly Located[]): Issue[];
}

/** The pod template of a workload kind, wherever the kind keeps it. */
export function podSpecOf(obj: Record<string, any>): { spec: Record<string, any>; pointer: string } | undefined {
  switch (obj?.kind) {
    case 'Pod':
      return obj.spec ? { spec: obj.spec, pointer: '/spec' } : undefined;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return obj.spec?.template?.spec ? { spec: obj.spec.template.spec, pointer: '/spec/template/spec' } : undefined;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec
        ? { spec: obj.spec.jobTemplate.spec.template.spec, pointer: '/spec/jobTemplate/spec/template/spec' }
        : undefined;
    default:
      return undefined;
  }
}
