/** Helpers for the construct property tests: what a build did (threw, synth errors, or clean output). */
import { App, KubeforgeError } from '../../lib';
import { newChart, synth, TestChart } from '../constructs/util';

export type Outcome = { readonly kind: 'threw' | 'errors' | 'clean'; readonly detail: string };

/** Builds an app in a fresh chart and classifies the result; any error other than KubeforgeError is rethrown. */
export function outcome(build: (t: TestChart) => void, chartProps = {}): Outcome {
  const t = newChart(chartProps);
  try {
    build(t);
  } catch (e) {
    if (e instanceof KubeforgeError) return { kind: 'threw', detail: e.message };
    throw e;
  }
  return classify(t.app);
}

function classify(app: App): Outcome {
  const errs = synth(app).issues.filter((i) => i.severity === 'error');
  return errs.length ? { kind: 'errors', detail: errs.map((i) => `[${i.ruleId}] ${i.message}`).join('\n') } : { kind: 'clean', detail: '' };
}

/** For valid props: the output must be clean; the detail makes a failing case readable. */
export function expectClean(o: Outcome): void {
  expect(o.detail).toBe('');
  expect(o.kind).toBe('clean');
}

/** For invalid props: a KubeforgeError at construction or an error finding at synth, never clean output. */
export function expectRejected(o: Outcome): void {
  expect(o.kind).not.toBe('clean');
}

export const RUNS = { numRuns: 1000 };
