/**
 * The core engine: tree → checked, ordered objects → YAML. One pass over the construct tree, so the cost is
 * linear in the number of objects however many charts there are (cdk8s re-resolves the whole app per chart).
 * The library (App.synth), the CLI and the Pulumi bridge all use this function.
 */
import { ApiObject, Chart as Cdk8sChart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Issue, KubeforgeError } from '../util/errors';
import { sanitizeLabel } from '../util/names';
import { validateObjects, ValidationOptions } from '../rules';
import { CycleError, orderObjects } from './order';
import { toYaml, toYamlStream } from './yaml';

export interface SynthesizedObject {
  readonly construct: ApiObject;
  readonly json: Record<string, any>;
}

export interface SynthesizedChart {
  readonly chart: Cdk8sChart;
  /** `<chart>.k8s.yaml` */
  readonly fileName: string;
  readonly objects: readonly SynthesizedObject[];
  readonly yaml: string;
}

export interface SynthesisResult {
  readonly charts: readonly SynthesizedChart[];
  readonly issues: readonly Issue[];
}

interface Collected {
  chart: Cdk8sChart;
  objects: ApiObject[];
}

export function chartFileName(chart: Cdk8sChart): string {
  const comps = chart.node.scopes.slice(1).map((s) => sanitizeLabel(s.node.id) || 'chart');
  return `${comps.join('-')}.k8s.yaml`;
}

export interface SynthesisOptions {
  /** Run construct validations and rules. */
  readonly validate: boolean;
  /** Target Kubernetes version and rule configuration. @default - the newest bundled version, `recommended` rules */
  readonly validation?: ValidationOptions;
  /**
   * Keep every rendered object in the result. Writing does not need them, and dropping each chart's objects
   * once its YAML exists keeps peak memory flat for large apps.
   * @default true
   */
  readonly keepObjects?: boolean;
  /**
   * Receives each chart's YAML documents as soon as they exist, in order (the file is `docs.join('---\n')`);
   * the result then holds '' for the chart's yaml. Lets a writer stream them instead of building one string.
   * @default - the YAML is kept in the result
   */
  readonly sink?: (fileName: string, docs: readonly string[]) => void;
  /** Produce YAML at all (validation alone does not need it). @default true */
  readonly yaml?: boolean;
}

export function synthesize(root: IConstruct, options: SynthesisOptions): SynthesisResult {
  const keep = options.keepObjects ?? true;
  const issues: Issue[] = [];
  const charts: Collected[] = [];

  const visit = (c: IConstruct, current: Collected | undefined): void => {
    if (options.validate) {
      for (const message of c.node.validate()) {
        issues.push({ ruleId: 'construct', severity: 'error', message, constructPath: c.node.path });
      }
    }
    if (c instanceof Cdk8sChart) {
      current = { chart: c, objects: [] };
      charts.push(current);
    } else if (c instanceof ApiObject && current) {
      current.objects.push(c);
    }
    for (const child of c.node.children) visit(child, current);
  };
  visit(root, undefined);

  // Validation runs once over the whole set at the end (cross-object rules and CRD-defined kinds need it), so each
  // object's JSON is kept for it even when the YAML is streamed out chart by chart.
  const located: { json: Record<string, any>; constructPath: string }[] = [];
  const vopts = options.validation ?? {};
  const out: SynthesizedChart[] = [];
  const fileNames = new Map<string, string>();
  for (const { chart, objects } of charts) {
    const fileName = chartFileName(chart);
    const clash = fileNames.get(fileName);
    if (clash) {
      issues.push({
        ruleId: 'chart-file',
        severity: 'error',
        message: `charts "${clash}" and "${chart.node.path}" would both write ${fileName}`,
        fix: 'give one of the charts a different id',
        constructPath: chart.node.path,
      });
    }
    fileNames.set(fileName, chart.node.path);

    // Without keepObjects, each object is turned into its YAML document right away and its JSON dropped.
    const rendered: Rendered[] = [];
    for (const o of objects) {
      let json: Record<string, any>;
      try {
        json = o.toJson();
      } catch (e) {
        issues.push(
          e instanceof KubeforgeError
            ? e.toIssue()
            : { ruleId: 'render', severity: 'error', message: (e as Error).message, constructPath: o.node.path },
        );
        continue;
      }
      if (options.validate) located.push({ json, constructPath: o.node.path });
      if (keep) {
        rendered.push({ construct: o, kind: json.kind, json });
        continue;
      }
      try {
        rendered.push({ construct: o, kind: json.kind, doc: toYaml(json) });
      } catch (e) {
        issues.push({ ruleId: 'render', severity: 'error', message: (e as Error).message, constructPath: o.node.path });
      }
    }
    const ordered = orderChart(rendered, issues);
    let yaml = '';
    if (options.yaml !== false) {
      if (options.sink) options.sink(fileName, keep ? [toYamlStream(ordered.map((o) => o.json))] : ordered.map((o) => o.doc!));
      else yaml = keep ? toYamlStream(ordered.map((o) => o.json)) : ordered.map((o) => o.doc!).join('---\n');
    }
    out.push({
      chart,
      fileName,
      objects: keep ? ordered.map((o) => ({ construct: o.construct, json: o.json! })) : [],
      yaml,
    });
  }
  if (options.validate) {
    try {
      issues.push(...validateObjects(located, vopts));
    } catch (e) {
      if (!(e instanceof KubeforgeError)) throw e;
      issues.push(e.toIssue());
    }
  }
  return { charts: out, issues };
}

interface Rendered {
  readonly construct: ApiObject;
  readonly kind: string;
  readonly json?: Record<string, any>;
  readonly doc?: string;
}

function orderChart(rendered: Rendered[], issues: Issue[]): Rendered[] {
  const index = new Map<IConstruct, number>();
  rendered.forEach((r, i) => index.set(r.construct, i));
  const after = rendered.map((r) => dependencyIndexes(r.construct, index));
  try {
    return orderObjects(rendered.map((r, i) => ({ kind: r.kind ?? r.construct.kind, after: after[i] }))).map((i) => rendered[i]);
  } catch (e) {
    if (!(e instanceof CycleError)) throw e;
    issues.push({
      ruleId: 'dependency-cycle',
      severity: 'error',
      message: `dependency cycle between ${e.members.map((i) => rendered[i].construct.node.path).join(', ')}`,
      fix: 'remove one of the addDependency() calls that form the cycle',
      constructPath: rendered[e.members[0]].construct.node.path,
    });
    return rendered;
  }
}

/** Objects (in the same chart) that `c` depends on; depending on a group means depending on all its objects. */
function dependencyIndexes(c: IConstruct, index: Map<IConstruct, number>): number[] {
  const deps = c.node.dependencies;
  if (deps.length === 0) return [];
  const out: number[] = [];
  for (const d of deps) {
    for (const x of d.node.findAll()) {
      const i = index.get(x);
      if (i !== undefined) out.push(i);
    }
  }
  return out;
}
