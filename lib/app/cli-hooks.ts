/**
 * When `kubeforge synth` runs an app, it sets KUBEFORGE_RESULT_FILE. An uncaught error in the app is then
 * reported in the same format as other findings, and classified (finding vs crash) for the CLI's exit code,
 * because the child's own exit code cannot tell a validation error from a TypeError.
 */
import { writeFileSync } from 'fs';
import { isKubeforgeFinding, KubeforgeError, SynthError } from '../util/errors';
import { formatIssuesText } from '../report/text';

let installed = false;

export function installCliHooks(): void {
  const resultFile = process.env.KUBEFORGE_RESULT_FILE;
  if (installed || !resultFile) return;
  installed = true;
  process.on('uncaughtException', (err) => {
    const finding = isKubeforgeFinding(err);
    try {
      writeFileSync(resultFile, JSON.stringify({ kind: finding ? 'finding' : 'crash' }));
    } catch {
      // The CLI treats a missing result file as a crash, which is the safe reading.
    }
    if (err instanceof SynthError) process.stderr.write(formatIssuesText(err.issues.filter((i) => i.severity === 'error')));
    else if (err instanceof KubeforgeError) process.stderr.write(formatIssuesText([err.toIssue()]));
    else process.stderr.write(`${err?.stack ?? String(err)}\n`);
    process.exit(finding ? 1 : 2);
  });
}

/**
 * `kubeforge deploy|preview|destroy` loads the app inside its own process and needs the App object, not files:
 * it sets this global hook, and `App.synth()` hands the app over instead of writing manifests. A registered
 * symbol, so an app that loads its own copy of kubeforge reaches the CLI's hook as well.
 */
export const DEPLOY_CAPTURE = Symbol.for('kubeforge.deploy.capture');

/** True when a deploy took the app (nothing is written then). */
export function handOverToDeploy(app: object): boolean {
  const capture = (globalThis as Record<symbol, unknown>)[DEPLOY_CAPTURE];
  if (typeof capture !== 'function') return false;
  capture(app);
  return true;
}
