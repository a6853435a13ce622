/**
 * The core engine: tree → checked, ordered objects → YAML. One pass over the construct tree, so the cost is
 * linear in the number of objects however many charts there are (cdk8s re-resolves the whole app per chart).
 * The library (App.synth), the CLI and the Pulumi bridge all use this function.
 */
import { ApiObject, Chart as Cdk8sChart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Issue, KubeforgeError } from '../util/errors';
import { sanitizeLabel } from '../util/names';
import { Located, validateObjects, ValidationOptions } from '../rules';
import { SourceLocation, sourceLocationOf } from '../app/source';
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
   * Not called at all when synthesis found errors (nothing is to be written then).
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

  // Phase 1: render every object of every chart and order each chart. Validation (phase 2) needs the whole set
  // (cross-object rules, CRD-defined kinds), and YAML (phase 3) is only produced after it, so a failed synth
  // spends nothing on YAML and peak memory holds the objects once, not objects and YAML side by side.
  const vopts = options.validation ?? {};
  const fileNames = new Map<string, string>();
  const ordered: { chart: Cdk8sChart; fileName: string; objects: Rendered[] }[] = [];
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
    const rendered: Rendered[] = [];
    for (const o of objects) {
      try {
        const json = o.toJson();
        rendered.push({ construct: o, kind: json.kind, json });
      } catch (e) {
        issues.push(
          e instanceof KubeforgeError
            ? e.toIssue()
            : { ruleId: 'render', severity: 'error', message: (e as Error).message, constructPath: o.node.path },
        );
      }
    }
    ordered.push({ chart, fileName, objects: orderChart(rendered, issues) });
  }

  // Phase 2: one validation run over the whole set.
  if (options.validate) {
    const sources = new Map<string, SourceLocation>();
    const located = ordered.flatMap((c) =>
      c.objects.map((o): Located => {
        const constructPath = o.construct.node.path;
        const source = sourceLocationOf(o.construct);
        if (!source) return { json: o.json, constructPath };
        sources.set(constructPath, source);
        return { json: o.json, constructPath, file: source.file, line: source.line };
      }),
    );
    const start = issues.length;
    try {
      issues.push(...validateObjects(located, vopts));
    } catch (e) {
      if (!(e instanceof KubeforgeError)) throw e;
      issues.push(e.toIssue());
    }
    if (sources.size > 0) locateInSources(issues, start, sources);
  }

  // Phase 3: YAML, chart by chart. Without keepObjects each object's JSON is released as soon as its document
  // exists, so memory does not hold a chart twice.
  const failed = issues.some((i) => i.severity === 'error');
  const out: SynthesizedChart[] = [];
  for (const { chart, fileName, objects } of ordered) {
    let yaml = '';
    if (options.yaml !== false && !(failed && options.sink)) {
      if (keep) {
        yaml = toYamlStream(objects.map((o) => o.json));
        if (options.sink) {
          options.sink(fileName, [yaml]);
          yaml = '';
        }
      } else {
        const docs: string[] = [];
        for (let i = 0; i < objects.length; i++) {
          try {
            docs.push(toYaml(objects[i].json));
          } catch (e) {
            issues.push({ ruleId: 'render', severity: 'error', message: (e as Error).message, constructPath: objects[i].construct.node.path });
          }
          (objects as (Rendered | undefined)[])[i] = undefined;
        }
        if (options.sink) options.sink(fileName, docs);
        else yaml = docs.join('---\n');
      }
    }
    out.push({ chart, fileName, objects: keep ? objects.map((o) => ({ construct: o.construct, json: o.json })) : [], yaml });
  }
  return { charts: out, issues };
}

interface Rendered {
  readonly construct: ApiObject;
  readonly kind: string;
  readonly json: Record<string, any>;
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

/**
 * Findings on objects read from files (Include) also name the file and the line of the offending field; a field
 * the file does not have (added by a patch or by the chart) is reported at the object's first line.
 */
function locateInSources(issues: Issue[], from: number, sources: ReadonlyMap<string, SourceLocation>): void {
  for (let k = from; k < issues.length; k++) {
    const i = issues[k];
    const source = i.constructPath === undefined ? undefined : sources.get(i.constructPath);
    if (!source) continue;
    const line = (i.jsonPointer === undefined ? undefined : source.lineOf(i.jsonPointer)) ?? source.line;
    issues[k] = { ...i, file: source.file, line };
  }
}
