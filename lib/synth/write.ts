/**
 * Atomic output: files are written to a fresh sibling directory, which then replaces the output directory by
 * rename. A failure at any point before the swap leaves the previous output exactly as it was.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

export function writeOutputAtomically(outdir: string, files: readonly OutputFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.kubeforge-tmp-`));
  try {
    for (const f of files) fs.writeFileSync(path.join(staging, f.name), f.content);
    replaceDirectory(staging, target);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Moves `staging` to `target`, replacing it; restores the old `target` if the final rename fails. */
export function replaceDirectory(staging: string, target: string): void {
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
