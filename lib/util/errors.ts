/**
 * Typed errors. Every message names where the problem is (construct path or file:line), the offending value,
 * what is allowed, and how to fix it, because a bare "invalid value" costs users a debugging session.
 */

export type Severity = 'error' | 'warning';

/** One finding, shared by construct-time checks, synth-time rules and (later) file validation. */
export interface Issue {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  readonly constructPath?: string;
  readonly file?: string;
  readonly line?: number;
  readonly jsonPointer?: string;
}

export interface ProblemDetails {
  /** Construct path (or file:line) where the problem is. */
  readonly path: string;
  /** What is wrong, phrased as a statement. */
  readonly problem: string;
  /** The value that was given. Omit when there is no single value. */
  readonly value?: unknown;
  /** What is allowed instead. */
  readonly allowed?: string;
  /** How to fix it. */
  readonly fix?: string;
  readonly ruleId?: string;
  readonly jsonPointer?: string;
}

export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 200 ? s.slice(0, 197) + '...' : s;
  } catch {
    return String(value);
  }
}

export function formatProblem(d: ProblemDetails): string {
  let msg = `${d.path}: ${d.problem}`;
  if ('value' in d) msg += ` (got ${showValue(d.value)})`;
  msg += '.';
  if (d.allowed) msg += ` Allowed: ${d.allowed}.`;
  if (d.fix) msg += ` Fix: ${d.fix}.`;
  return msg;
}

/** Base class: any error kubeforge raises on purpose. The CLI maps it to exit code 1 (a finding). */
export class KubeforgeError extends Error {
  public readonly details: ProblemDetails;
  constructor(details: ProblemDetails) {
    super(formatProblem(details));
    this.name = 'KubeforgeError';
    this.details = details;
  }

  /** The same problem as an Issue, so it can be reported like any other finding. */
  public toIssue(): Issue {
    return {
      ruleId: this.details.ruleId ?? 'construct',
      severity: 'error',
      message: this.message,
      fix: this.details.fix,
      constructPath: this.details.path,
      jsonPointer: this.details.jsonPointer,
    };
  }
}

/** Synthesis found errors; nothing was written. */
export class SynthError extends Error {
  public readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      `Synthesis failed with ${errors.length} error(s); nothing was written:\n` +
        errors
          .map((i) => {
            const file = i.file ? `${i.file}${i.line ? `:${i.line}` : ''}` : undefined;
            const where = file && i.constructPath ? `${file} (${i.constructPath})` : (i.constructPath ?? file);
            const prefixed = where && !i.message.startsWith(i.constructPath ?? where);
            return `  [${i.ruleId}] ${prefixed ? `${where}: ` : file && i.constructPath ? `${file}: ` : ''}${i.message}`;
          })
          .join('\n'),
    );
    this.name = 'SynthError';
    this.issues = issues;
  }
}

export function isKubeforgeFinding(e: unknown): boolean {
  return e instanceof KubeforgeError || e instanceof SynthError;
}
