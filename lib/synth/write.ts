/**
 * Atomic output: files are written to a fresh sibling directory, which then replaces the output directory by
 * rename. A failure at any point before the swap leaves the previous output exactly as it was. A directory
 * holding anything but manifests is never replaced, so `-o .` cannot wipe a project.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const MANIFEST_SUFFIX = '.k8s.yaml';

export class OutputDirError extends Error {}

/** A new empty directory next to `target` (same filesystem, so the final rename is atomic). Mode follows umask. */
export function makeStagingDir(target: string): string {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const dir = path.join(parent, `.${path.basename(target)}.kubeforge-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { mode: 0o777 });
  return dir;
}

/** Throws unless `target` is absent or holds only manifests (what a previous synth wrote). */
export function assertReplaceable(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new OutputDirError(`the output path ${target} exists and is not a directory. Fix: choose a directory for output (e.g. dist).`);
  }
  const foreign = fs.readdirSync(target).filter((f) => !f.endsWith(MANIFEST_SUFFIX));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
    throw new OutputDirError(
      `refusing to replace the output directory ${target}: it holds files kubeforge did not write (${shown}). ` +
        `Fix: use a directory of its own for the manifests (output: dist in cdk8s.yaml, or -o dist), or move those files out.`,
    );
  }
}

/** Moves `staging` to `target`, replacing it; restores the old `target` if the final rename fails. */
export function replaceDirectory(staging: string, target: string): void {
  assertReplaceable(target);
  let old: string | undefined;
  if (fs.existsSync(target)) {
    old = `${staging}-old`;
    fs.renameSync(target, old);
  }
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (old) fs.renameSync(old, target);
    throw e;
  }
  if (old) fs.rmSync(old, { recursive: true, force: true });
}
