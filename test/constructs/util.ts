/**
 * Helpers for the construct tests: a fresh App + Chart per test, and the rendered objects of an app.
 * Every object is rendered through `app.synthesize()`, the same path `kubeforge synth` takes.
 */
import { tmpdir } from 'os';
import { join } from 'path';
import { App, AppProps, Chart, ChartProps, Issue, KubeforgeError, SynthesisResult } from '../../lib';

/** Never written to unless a test calls app.synth() on a valid app (none does). */
export const TEST_OUTDIR = join(tmpdir(), 'kubeforge-construct-tests');

export interface TestChart {
  readonly app: App;
  readonly chart: Chart;
}

/** An App and one Chart with id "test", so construct paths read "test/<id>". */
export function newChart(props: ChartProps = {}, appProps: AppProps = {}): TestChart {
  const app = new App({ outdir: TEST_OUTDIR, ...appProps });
  const chart = new Chart(app, 'test', props);
  return { app, chart };
}

/** Synthesizes with validation on (independent of KUBEFORGE_NO_VALIDATE). */
export function synth(app: App): SynthesisResult {
  return app.synthesize({ validate: true });
}

/** The error-severity findings of the app. */
export function errors(app: App): Issue[] {
  return synth(app).issues.filter((i) => i.severity === 'error');
}

/** The error messages of the app, for `toContain`/`toMatch` assertions. */
export function errorMessages(app: App): string[] {
  return errors(app).map((i) => i.message);
}

/** Every rendered object of every chart, in output order. Fails the test if synthesis reports an error. */
export function render(app: App): Record<string, any>[] {
  const result = synth(app);
  const errs = result.issues.filter((i) => i.severity === 'error');
  if (errs.length > 0) {
    throw new Error(`expected a clean synth, got:\n${errs.map((i) => `  [${i.ruleId}] ${i.constructPath ?? ''}: ${i.message}`).join('\n')}`);
  }
  return result.charts.flatMap((c) => c.objects.map((o) => o.json));
}

/** The rendered objects of one kind. */
export function objectsOfKind(app: App, kind: string): Record<string, any>[] {
  return render(app).filter((o) => o.kind === kind);
}

/** The single rendered object of a kind (fails when there are none or several). */
export function oneOfKind(app: App, kind: string): Record<string, any> {
  const found = objectsOfKind(app, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  return found[0];
}

/** The pod spec of a Pod or of a workload's template. */
export function podSpecOf(obj: Record<string, any>): Record<string, any> {
  return obj.kind === 'Pod' ? obj.spec : obj.spec.template.spec;
}

/** A container of a rendered Pod or workload, by name (default: the first one). */
export function containerOf(obj: Record<string, any>, name?: string): Record<string, any> {
  const containers: Record<string, any>[] = podSpecOf(obj).containers;
  const c = name === undefined ? containers[0] : containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name ?? '#0'} in ${obj.kind} ${obj.metadata?.name}`);
  return c;
}

/**
 * Runs `fn`, expects it to throw a KubeforgeError, and checks the message contains every fragment
 * (construct path, offending value, ...). Returns the error for further checks.
 */
export function expectKubeforgeError(fn: () => unknown, ...fragments: string[]): KubeforgeError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) throw new Error(`expected an error containing ${fragments.map((f) => JSON.stringify(f)).join(', ')}, but nothing was thrown`);
  expect(caught).toBeInstanceOf(KubeforgeError);
  const message = (caught as Error).message;
  for (const f of fragments) expect(message).toContain(f);
  return caught as KubeforgeError;
}

/** Expects at least one synth error whose message contains every fragment; returns the matching issues. */
export function expectSynthError(app: App, ...fragments: string[]): Issue[] {
  const errs = errors(app);
  const matching = errs.filter((i) => fragments.every((f) => i.message.includes(f)));
  if (matching.length === 0) {
    throw new Error(
      `expected a synth error containing ${fragments.map((f) => JSON.stringify(f)).join(', ')}; got:\n` +
        (errs.map((i) => `  [${i.ruleId}] ${i.message}`).join('\n') || '  (no errors)'),
    );
  }
  return matching;
}
