/**
 * The core engine: tree → checked, ordered objects → YAML. One pass over the construct tree, so the cost is
 * linear in the number of objects however many charts there are (cdk8s re-resolves the whole app per chart).
 * The library (App.synth), the CLI and the Pulumi bridge all use this function.
 */
import { ApiObject, Chart as Cdk8sChart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Issue, KubeforgeError } from '../util/errors';
import { sanitizeLabel } from '../util/names';
import { runObjectRules, runSetRules } from '../rules';
import { CycleError, orderObjects } from './order';
import { toYamlStream } from './yaml';

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

export function synthesize(root: IConstruct, options: { validate: boolean }): SynthesisResult {
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

  const all: SynthesizedObject[] = [];
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

    const rendered: SynthesizedObject[] = [];
    for (const o of objects) {
      try {
        rendered.push({ construct: o, json: o.toJson() });
      } catch (e) {
        issues.push(
          e instanceof KubeforgeError
            ? e.toIssue()
            : { ruleId: 'render', severity: 'error', message: (e as Error).message, constructPath: o.node.path },
        );
      }
    }
    if (options.validate) {
      for (const r of rendered) issues.push(...runObjectRules(r.json, r.construct.node.path));
    }
    const ordered = orderChart(rendered, issues);
    all.push(...ordered);
    out.push({ chart, fileName, objects: ordered, yaml: toYamlStream(ordered.map((o) => o.json)) });
  }
  if (options.validate) issues.push(...runSetRules(all.map((o) => ({ json: o.json, constructPath: o.construct.node.path }))));
  return { charts: out, issues };
}

function orderChart(rendered: SynthesizedObject[], issues: Issue[]): SynthesizedObject[] {
  const index = new Map<IConstruct, number>();
  rendered.forEach((r, i) => index.set(r.construct, i));
  const after = rendered.map((r) => dependencyIndexes(r.construct, index));
  try {
    return orderObjects(rendered.map((r, i) => ({ kind: r.json.kind ?? r.construct.kind, after: after[i] }))).map((i) => rendered[i]);
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
