import { Issue } from '../util/errors';

/**
 * Rule severities. `off` disables a rule; `error` fails synth / `kubeforge validate` (exit 1); `warning` is
 * reported but never fails.
 */
export type RuleSeverity = 'error' | 'warning' | 'off';

/** What every rule declares, so reports, docs and presets can list rules without running them. */
export interface RuleMeta {
  /** Stable, kebab-case id, e.g. `service-selects-no-pod`. Used in reports and in rule configuration. */
  readonly id: string;
  /** `apiserver`: the API server would reject the object. `lint`: it is accepted but likely wrong. */
  readonly category: 'schema' | 'apiserver' | 'lint';
  /** Severity in the `recommended` preset. */
  readonly defaultSeverity: RuleSeverity;
  /** One sentence for docs and SARIF rule metadata. */
  readonly description: string;
}

/**
 * A rule over one object (rendered by a construct or read from a file). `path` is the construct path, or
 * `file:line` for files; rules put it into `constructPath` and the engine relocates it for files.
 */
export interface ObjectRule extends RuleMeta {
  /**
   * The kinds the rule can find something on; the engine runs it on objects of these kinds only (check itself
   * still accepts any object). @default - every kind
   */
  readonly kinds?: readonly string[];
  /** `ctx` is given by the engine; a direct call without it means the newest bundled version. */
  check(obj: Record<string, any>, path: string, ctx?: RuleContext): Issue[];
}

/** What a rule may know about the run besides the object. */
export interface RuleContext {
  /** Target Kubernetes minor, e.g. "1.37" (a bundled version; the engine resolves the default). */
  readonly k8sVersion: string;
}

export interface Located {
  readonly json: Record<string, any>;
  readonly constructPath?: string;
  readonly file?: string;
  /** 1-based line where the object's document starts. */
  readonly line?: number;
}

/** A rule over the whole set of objects (cross-object checks). */
export interface SetRule extends RuleMeta {
  check(objects: readonly Located[]): Issue[];
}

/** Per-rule severity overrides, e.g. `{ 'image-latest-tag': 'off', 'missing-limits': 'error' }`. */
export type RuleConfig = Readonly<Record<string, RuleSeverity>>;

/** Where an object is, for messages: its construct path, else file:line. */
export function whereOf(o: Located): string {
  return o.constructPath ?? `${o.file ?? '<input>'}:${o.line ?? 1}`;
}

/** JSON pointer escaping (RFC 6901) for one reference token. */
export function pointerToken(s: string | number): string {
  const t = String(s);
  // Most tokens need no escaping; skipping the two replacements matters on large sets.
  return t.includes('~') || t.includes('/') ? t.replace(/~/g, '~0').replace(/\//g, '~1') : t;
}

/** Kinds whose objects hold a pod template (the kinds podSpecOf knows). */
export const POD_KINDS: readonly string[] = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob'];

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
    case 'ReplicationController':
      return obj.spec?.template?.spec ? { spec: obj.spec.template.spec, pointer: '/spec/template/spec' } : undefined;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec
        ? { spec: obj.spec.jobTemplate.spec.template.spec, pointer: '/spec/jobTemplate/spec/template/spec' }
        : undefined;
    default:
      return undefined;
  }
}
