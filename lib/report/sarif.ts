/**
 * SARIF 2.1.0 report, in the subset GitHub code scanning reads: tool.driver with rule metadata, and results
 * with a level, a message and a physical location (a URI relative to the working directory, and a start line).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RuleMeta } from '../rules/types';
import { allIssues, Report, ReportedIssue } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Artifact URIs are made relative to this directory. */
  readonly cwd: string;
  readonly toolVersion: string;
  readonly informationUri: string;
}

const LEVEL = { error: 'error', warning: 'warning', off: 'none' } as const;

/** Relative to cwd with `/` separators and percent-encoding; a file URI when the file is outside cwd. */
export function artifactUri(file: string, cwd: string): string {
  if (file === '<stdin>') return 'stdin';
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

function ruleJson(r: RuleMeta) {
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    help: { text: `${r.description} (kubeforge ${r.category} rule \`${r.id}\`; configure with --rule ${r.id}=error|warning|off)` },
    properties: { category: r.category },
  };
}

function resultJson(i: ReportedIssue, ruleIndex: number, cwd: string) {
  const region: Record<string, number> = { startLine: i.line ?? 1 };
  if (i.column) region.startColumn = i.column;
  return {
    ruleId: i.ruleId,
    ruleIndex,
    level: i.severity,
    message: { text: i.fix ? `${i.message.replace(/\.$/, '')}. Fix: ${i.fix}` : i.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(i.file ?? '<stdin>', cwd) }, region },
        ...(i.jsonPointer !== undefined ? { logicalLocations: [{ fullyQualifiedName: i.jsonPointer || '/', kind: 'property' }] } : {}),
      },
    ],
  };
}

export function formatReportSarif(report: Report, opts: SarifOptions): string {
  const rules = [...report.rules];
  const index = new Map(rules.map((r, n) => [r.id, n]));
  const issues = allIssues(report);
  // A finding from a rule the engine does not list (a construct error, say) still needs rule metadata.
  for (const i of issues) {
    if (!index.has(i.ruleId)) {
      index.set(i.ruleId, rules.length);
      rules.push({ id: i.ruleId, category: 'apiserver', defaultSeverity: 'error', description: `kubeforge check ${i.ruleId}.` });
    }
  }
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubeforge', informationUri: opts.informationUri, version: opts.toolVersion, rules: rules.map(ruleJson) } },
        results: issues.map((i) => resultJson(i, index.get(i.ruleId)!, opts.cwd)),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
