/**
 * What `kubeforge deploy|preview|destroy` prints: one progress line per object as Pulumi's engine events arrive,
 * the closing summary (from the update summary's resourceChanges), and, when an update fails, which objects
 * were applied and which were not. Pure formatting, kept apart from the Automation API calls so it is testable.
 */
import type { EngineEvent, OpMap, OpType } from '@pulumi/pulumi/automation';

export type Operation = 'deploy' | 'preview' | 'destroy';

export interface ChangeCounts {
  readonly created: number;
  readonly updated: number;
  readonly replaced: number;
  readonly unchanged: number;
  readonly deleted: number;
}

/**
 * Folds Pulumi's op counts into the five a user cares about. A replace is also reported as its two halves
 * (create-replacement, delete-replaced) by some engine versions; only the logical `replace` is counted.
 */
export function countChanges(changes: OpMap | undefined): ChangeCounts {
  const n = (...ops: OpType[]) => ops.reduce((sum, op) => sum + (changes?.[op] ?? 0), 0);
  return {
    created: n('create', 'import'),
    updated: n('update'),
    replaced: n('replace'),
    unchanged: n('same', 'read'),
    deleted: n('delete'),
  };
}

export function hasChanges(c: ChangeCounts): boolean {
  return c.created + c.updated + c.replaced + c.deleted > 0;
}

/** e.g. "3 created, 1 updated, 17 unchanged, 0 deleted" (replaced only when there are any). */
export function formatCounts(c: ChangeCounts, op: Operation): string {
  // A destroy runs the program too (for the cluster check), so Pulumi also counts every resource as "same".
  if (op === 'destroy') return `${c.deleted} deleted`;
  const future = op === 'preview';
  const parts = [
    `${c.created} ${future ? 'to create' : 'created'}`,
    `${c.updated} ${future ? 'to update' : 'updated'}`,
    ...(c.replaced ? [`${c.replaced} ${future ? 'to replace' : 'replaced'}`] : []),
    `${c.unchanged} unchanged`,
    `${c.deleted} ${future ? 'to delete' : 'deleted'}`,
  ];
  return parts.join(', ');
}

export interface SummaryContext {
  readonly env: string;
  readonly stack: string;
  readonly seconds: number;
}

export function formatSummary(op: Operation, counts: ChangeCounts, ctx: SummaryContext): string {
  const where = `environment ${ctx.env}${ctx.stack === ctx.env ? '' : ` (stack ${ctx.stack})`}`;
  const verb = op === 'preview' ? 'preview of' : op === 'deploy' ? 'deployed' : 'destroyed';
  const tail = op === 'preview' && !hasChanges(counts) ? ' (no changes)' : '';
  return `kubeforge: ${verb} ${where}: ${formatCounts(counts, op)}${tail}, in ${ctx.seconds.toFixed(1)} s (Pulumi resources, incl. the stack and providers)\n`;
}

/** `kubernetes:apps/v1:Deployment` → `Deployment`; `pulumi:providers:kubernetes` → `Provider(kubernetes)`. */
export function shortType(type: string): string {
  if (type.startsWith('pulumi:providers:')) return `Provider(${type.slice('pulumi:providers:'.length)})`;
  const last = type.split(':').pop() ?? type;
  return last || type;
}

/** The resource name of a URN (`urn:pulumi:stack::project::type::name`). */
export function urnName(urn: string): string {
  const at = urn.lastIndexOf('::');
  return at === -1 ? urn : urn.slice(at + 2);
}

/** Drops Pulumi's inline color markup (`<{%reset%}>`), which `color: never` leaves in some event messages. */
export function plain(message: string): string {
  return message.replace(/<\{%[^%]*%\}>/g, '').replace(/\u001b\[[0-9;]*m/g, '');
}

const PROGRESSIVE: Partial<Record<OpType, [string, string, string]>> = {
  // op: [in progress, done, planned]
  create: ['creating', 'created', 'create'],
  update: ['updating', 'updated', 'update'],
  delete: ['deleting', 'deleted', 'delete'],
  replace: ['replacing', 'replaced', 'replace'],
  'create-replacement': ['creating replacement', 'created replacement', 'create replacement'],
  'delete-replaced': ['deleting replaced', 'deleted replaced', 'delete replaced'],
  import: ['importing', 'imported', 'import'],
};

/** One registered object: its Pulumi name and type, and the construct path it came from. */
export interface RegisteredResource {
  readonly name: string;
  readonly type: string;
  readonly constructPath?: string;
}

type State = { op: OpType; phase: 'started' | 'done' | 'failed'; startedAt: number; seconds?: number; error?: string };

export interface Outcome {
  readonly applied: readonly string[];
  readonly unchanged: readonly string[];
  readonly failed: readonly string[];
  readonly interrupted: readonly string[];
  readonly notApplied: readonly string[];
}

/**
 * Turns engine events into progress lines and remembers what happened to each object. The stack resource
 * itself is not an object and is left out of both.
 */
export class ProgressTracker {
  private readonly states = new Map<string, State>();
  private readonly registered = new Map<string, RegisteredResource>();
  /** Errors without a resource (e.g. the program threw), in arrival order. */
  public readonly generalErrors: string[] = [];

  constructor(
    private readonly op: Operation,
    private readonly log: (s: string) => void,
    private readonly now: () => number = Date.now,
    /** Set when the program's own error is reported separately, so Pulumi's copy of it is not printed twice. */
    private readonly quietStackErrors: (message: string) => boolean = () => false,
  ) {}

  /** Objects the program registered (so the ones the update never reached can be named). */
  public register(resources: readonly RegisteredResource[]): void {
    for (const r of resources) this.registered.set(r.name, r);
  }

  private label(urn: string, type: string): string {
    const name = urnName(urn);
    const r = this.registered.get(name);
    return `${shortType(type)} ${r?.constructPath ?? name}`;
  }

  public onEvent(e: EngineEvent): void {
    const pre = e.resourcePreEvent?.metadata;
    const done = e.resOutputsEvent?.metadata;
    const failed = e.resOpFailedEvent?.metadata;
    const diag = e.diagnosticEvent;
    if (pre && pre.type !== 'pulumi:pulumi:Stack') {
      this.states.set(pre.urn, { op: pre.op, phase: 'started', startedAt: this.now() });
      const words = PROGRESSIVE[pre.op];
      if (!words) return;
      if (this.op === 'preview' || e.resourcePreEvent?.planning) this.log(`  ${words[2].padEnd(9)} ${this.label(pre.urn, pre.type)}\n`);
      else this.log(`  ${words[0]} ${this.label(pre.urn, pre.type)} ...\n`);
    } else if (done && done.type !== 'pulumi:pulumi:Stack') {
      const s = this.states.get(done.urn);
      const seconds = s ? (this.now() - s.startedAt) / 1000 : undefined;
      this.states.set(done.urn, { op: done.op, phase: 'done', startedAt: s?.startedAt ?? this.now(), seconds });
      const words = PROGRESSIVE[done.op];
      if (words && this.op !== 'preview' && !e.resOutputsEvent?.planning) {
        this.log(`  ${words[1]} ${this.label(done.urn, done.type)}${seconds === undefined ? '' : ` (${seconds.toFixed(1)} s)`}\n`);
      }
    } else if (failed) {
      const s = this.states.get(failed.urn);
      this.states.set(failed.urn, { op: failed.op, phase: 'failed', startedAt: s?.startedAt ?? this.now(), error: s?.error });
    } else if (diag && !diag.ephemeral) {
      const message = plain(diag.message).trim();
      if (!message) return;
      const isStack = !diag.urn || diag.urn.includes('::pulumi:pulumi:Stack::');
      if (diag.severity === 'error') {
        if (isStack) {
          this.generalErrors.push(message);
          if (this.quietStackErrors(message)) return;
        } else {
          const s = this.states.get(diag.urn!);
          this.states.set(diag.urn!, { op: s?.op ?? 'create', phase: 'failed', startedAt: s?.startedAt ?? this.now(), error: message });
        }
        this.log(`  error: ${isStack ? '' : `${this.label(diag.urn!, typeOfUrn(diag.urn!))}: `}${message}\n`);
      } else if (diag.severity === 'warning') {
        this.log(`  warning: ${isStack ? '' : `${this.label(diag.urn!, typeOfUrn(diag.urn!))}: `}${message}\n`);
      } else if (diag.severity !== 'info' && diag.severity !== 'info#err') {
        // debug: the engine's own tracing (e.g. "Registering resource: ..."), not for users.
        return;
      } else if (!isStack) {
        this.log(`  ${this.label(diag.urn!, typeOfUrn(diag.urn!))}: ${message}\n`);
      } else {
        this.log(`  ${message}\n`);
      }
    }
  }

  /** What happened to every object: by the events seen, plus the registered objects that saw none. */
  public outcome(): Outcome {
    const out = { applied: [] as string[], unchanged: [] as string[], failed: [] as string[], interrupted: [] as string[], notApplied: [] as string[] };
    const seen = new Set<string>();
    for (const [urn, s] of this.states) {
      const name = urnName(urn);
      seen.add(name);
      const label = this.label(urn, typeOfUrn(urn));
      if (s.phase === 'failed') out.failed.push(s.error ? `${label}: ${s.error}` : label);
      else if (s.phase === 'started') out.interrupted.push(label);
      else if (s.op === 'same' || s.op === 'read') out.unchanged.push(label);
      else out.applied.push(label);
    }
    for (const r of this.registered.values()) {
      if (!seen.has(r.name)) out.notApplied.push(`${shortType(r.type)} ${r.constructPath ?? r.name}`);
    }
    return out;
  }
}

/** The type part of a URN (`...::parentType$type::name`). */
export function typeOfUrn(urn: string): string {
  const parts = urn.split('::');
  if (parts.length < 4) return '';
  const chain = parts[parts.length - 2];
  return chain.split('$').pop() ?? chain;
}

/** The report after a failed update: what the cluster got and what it did not. */
export function formatFailure(op: Operation, o: Outcome, env: string): string {
  if (op === 'preview') {
    // Nothing is applied by a preview: only what it could not plan matters.
    return [`kubeforge: preview of environment ${env} failed:`, ...o.failed.map((f) => `    ${f}`)].join('\n') + '\n';
  }
  const verb = op === 'destroy' ? 'destroy of' : 'deploy to';
  const lines = [
    `kubeforge: ${verb} environment ${env} failed: ${o.failed.length} failed, ${o.applied.length} ${op === 'destroy' ? 'deleted' : 'applied'}, ` +
      `${o.unchanged.length} unchanged, ${o.interrupted.length + o.notApplied.length} not ${op === 'destroy' ? 'deleted' : 'applied'}.`,
  ];
  const section = (title: string, items: readonly string[]) => {
    if (items.length) lines.push(`  ${title}:`, ...items.map((i) => `    ${i}`));
  };
  section(op === 'destroy' ? 'deleted' : 'applied', o.applied);
  section('failed', o.failed);
  section('stopped while in progress (state unknown; the next run checks it)', o.interrupted);
  section(op === 'destroy' ? 'not deleted' : 'not applied (the update stopped before them)', o.notApplied);
  if (op !== 'destroy' && (o.applied.length || o.failed.length)) {
    lines.push('  Pulumi recorded what was applied; fix the cause and run the same command again to finish.');
  }
  return lines.join('\n') + '\n';
}
