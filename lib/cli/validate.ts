/**
 * `kubeforge validate [FILES|DIRS|-] [--k8s-version 1.xx] [-o text|json|sarif|junit] [--rule ID=SEVERITY]...
 * [--no-color]`: checks plain manifests with the same engine as synth. The report goes to stdout; in text mode a
 * summary line goes to stderr. Exit codes: 0 clean (warnings allowed), 1 errors, 2 usage, parse or I/O error.
 */
import { parseArgs } from 'util';
import { formatReport, formatSummaryLine, isReportFormat, REPORT_FORMATS, ReportFormat, summarize, useColor } from '../report';
import { allIssues, Report } from '../report/types';
import { ALL_RULES, RuleConfig, RuleSeverity } from '../rules';
import { RECOMMENDED, STRICT } from '../rules/lint';

const PRESETS = { recommended: RECOMMENDED, strict: STRICT } as const;
import { INPUT_ERROR_RULE_IDS, validateFiles } from '../validate';
import { DEFAULT_K8S_VERSION, K8S_VERSIONS, resolveK8sVersion } from '../schema';
import { KubeforgeError } from '../util/errors';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';

export const VALIDATE_USAGE = `Usage: kubeforge validate [FILES|DIRS|-] [options]

Checks Kubernetes manifests (.yaml, .yml, .json; directories recursively; - for stdin).

validate options:
      --k8s-version <1.xx>    Target Kubernetes version, ${K8S_VERSIONS[0]} to ${DEFAULT_K8S_VERSION} (default: the newest, ${DEFAULT_K8S_VERSION})
  -o, --output <format>       text (default), json, sarif or junit, on stdout
      --preset <name>         recommended (default) or strict (every lint an error)
      --rule <ID=SEVERITY>    Set a rule to error, warning or off (repeatable; applied over the preset)
      --no-color              Plain output (NO_COLOR is honoured too)
  -h, --help                  Show this help
`;

const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'off'];

export interface ValidateCliOptions {
  readonly inputs: readonly string[];
  readonly k8sVersion?: string;
  readonly format: ReportFormat;
  readonly rules: RuleConfig;
  readonly color: boolean;
}

export interface ValidateIo {
  readonly out: (s: string) => void;
  readonly log: (s: string) => void;
  readonly cwd?: string;
  readonly readStdin?: () => string;
}

class UsageError extends Error {}

function parseRule(spec: string, known: ReadonlySet<string>): [string, RuleSeverity] {
  const m = /^([^=]+)=(.*)$/.exec(spec);
  if (!m) throw new UsageError(`--rule ${JSON.stringify(spec)} is not ID=SEVERITY; use e.g. --rule image-latest-tag=off`);
  const [, id, sev] = m;
  if (!known.has(id)) throw new UsageError(`--rule: unknown rule ${JSON.stringify(id)}; known rules: ${[...known].sort().join(', ')}`);
  if (!SEVERITIES.includes(sev as RuleSeverity)) {
    throw new UsageError(`--rule ${id}: unknown severity ${JSON.stringify(sev)}; allowed: ${SEVERITIES.join(', ')}`);
  }
  return [id, sev as RuleSeverity];
}

/** argv (after `validate`) -> options; throws UsageError. `help` when -h was given. */
export function parseValidateArgs(argv: readonly string[]): ValidateCliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'k8s-version': { type: 'string' },
        output: { type: 'string', short: 'o' },
        rule: { type: 'string', multiple: true },
        preset: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('validate needs at least one file, directory or - (stdin)');
  const format = values.output ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`-o ${JSON.stringify(format)}: unknown format; allowed: ${REPORT_FORMATS.join(', ')}`);
  const known = new Set(ALL_RULES.map((r) => r.id));
  const preset = values.preset ?? 'recommended';
  if (!(preset in PRESETS)) throw new UsageError(`--preset ${JSON.stringify(preset)}: unknown preset; allowed: ${Object.keys(PRESETS).join(', ')}`);
  const rules: Record<string, RuleSeverity> = { ...PRESETS[preset as keyof typeof PRESETS] };
  for (const spec of values.rule ?? []) {
    const [id, sev] = parseRule(spec, known);
    rules[id] = sev;
  }
  const versionProblem = values['k8s-version'] === undefined ? undefined : k8sVersionProblem(values['k8s-version']);
  if (versionProblem) throw new UsageError(`--k8s-version ${JSON.stringify(values['k8s-version'])}: ${versionProblem}`);
  return {
    inputs: positionals,
    k8sVersion: values['k8s-version'],
    format,
    rules,
    color: !values['no-color'] && useColor(process.stdout),
  };
}

/** Why a --k8s-version value is not a bundled version (shared by synth and validate), or undefined. */
export function k8sVersionProblem(v: string): string | undefined {
  try {
    resolveK8sVersion(v);
    return undefined;
  } catch (e) {
    if (!(e instanceof KubeforgeError)) throw e;
    return `${e.details.problem}; allowed: ${e.details.allowed}`;
  }
}

export function exitCodeOf(report: Report): number {
  const issues = allIssues(report);
  if (issues.some((i) => INPUT_ERROR_RULE_IDS.includes(i.ruleId))) return EXIT_USAGE;
  return issues.some((i) => i.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

export function runValidate(opts: ValidateCliOptions, io: ValidateIo): number {
  const cwd = io.cwd ?? process.cwd();
  const report = validateFiles(opts.inputs, { k8sVersion: opts.k8sVersion, rules: opts.rules, cwd, readStdin: io.readStdin });
  io.out(formatReport(opts.format, report, { color: opts.color, cwd, toolVersion: require('../../../package.json').version }));
  if (opts.format === 'text') io.log(formatSummaryLine(summarize(report)));
  return exitCodeOf(report);
}

/** The `validate` command: argv after the command name. */
export function validateCommand(argv: readonly string[], io: ValidateIo): number {
  let opts;
  try {
    opts = parseValidateArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.log(`kubeforge validate: ${e.message}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  if (opts === 'help') {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  return runValidate(opts, io);
}
