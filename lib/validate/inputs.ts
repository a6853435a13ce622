/**
 * Command-line inputs -> the files to read: files as given (any extension), directories walked recursively for
 * .yaml/.yml/.json in a deterministic order, `-` for stdin. A path that does not exist or cannot be read is an
 * `io` issue: it is reported with the other findings, and it makes the exit code 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ReportedIssue } from '../report/types';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
export const STDIN = '-';

export interface InputFile {
  /** As shown in reports: the path as given, or joined under the directory as given; `<stdin>` for `-`. */
  readonly display: string;
  /** Absolute path; undefined for stdin. */
  readonly path?: string;
  readonly format: 'yaml' | 'json';
}

export function ioIssue(file: string, problem: string, fix: string): ReportedIssue {
  return { ruleId: 'io', severity: 'error', message: problem, fix, file, line: 1 };
}

function formatOf(file: string): 'yaml' | 'json' {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Every manifest under `dir`, sorted by path (byte order, so the result does not depend on the locale). */
function walk(dir: string, display: string, seen: Set<string>, out: InputFile[], errors: ReportedIssue[]): void {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(dir);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(ioIssue(display, `cannot read the directory (${errnoOf(e)})`, 'check the path and its permissions'));
    return;
  }
  // A symlink back up the tree would loop forever.
  if (seen.has(real)) return;
  seen.add(real);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const shown = path.join(display, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = fs.statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // a dangling link inside a directory is not an input the user named
      }
    }
    if (isDir) walk(full, shown, seen, out, errors);
    else if (isFile && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      out.push({ display: shown, path: full, format: formatOf(entry.name) });
    }
  }
}

/** A file named twice (`a.yaml k8s/` with a.yaml under k8s/) is read once: twice would be a duplicate-object error. */
export function collectInputs(args: readonly string[], cwd: string): { files: InputFile[]; errors: ReportedIssue[] } {
  const all: InputFile[] = [];
  const errors: ReportedIssue[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      all.push({ display: '<stdin>', format: 'yaml' });
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = errnoOf(e);
      errors.push(ioIssue(arg, code === 'ENOENT' ? 'no such file or directory (ENOENT)' : `cannot read it (${code})`, 'check the path and its permissions'));
      continue;
    }
    if (st.isDirectory()) {
      const found: InputFile[] = [];
      walk(abs, arg, new Set(), found, errors);
      found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
      all.push(...found);
    } else all.push({ display: arg, path: abs, format: formatOf(arg) });
  }
  const seen = new Set<string>();
  const unique = all.filter((f) => f.path === undefined || (!seen.has(f.path) && seen.add(f.path)));
  return { files: unique, errors };
}

/**
 * Bytes -> text as kubectl decodes a file (unicode.BOMOverride over a UTF-8 decoder): a UTF-8 byte order mark is
 * dropped, UTF-16 with a byte order mark (either order) is decoded, and bytes that are not UTF-8 become U+FFFD.
 * `replaced` is the 1-based line of the first such byte (kubectl reads on, with the character replaced).
 */
export function decodeBytes(buf: Buffer): { text: string; replaced?: number } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le') };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    swapped.swap16();
    return { text: swapped.toString('utf16le') };
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const text = buf.subarray(start).toString('utf8');
  const at = text.indexOf('\uFFFD');
  // A U+FFFD that the file itself contains (EF BF BD) is not a replacement.
  if (at === -1 || buf.includes(Buffer.from([0xef, 0xbf, 0xbd]))) return { text };
  return { text, replaced: text.slice(0, at).split('\n').length };
}

/** The file's text, or an `io` issue. */
export function readInput(file: InputFile, readStdin: () => string | Buffer): { text: string; replaced?: number } | ReportedIssue {
  try {
    const raw = file.path === undefined ? readStdin() : fs.readFileSync(file.path);
    return typeof raw === 'string' ? { text: raw } : decodeBytes(raw);
  } catch (e) {
    return ioIssue(file.display, `cannot read the file (${errnoOf(e)})`, 'check the file and its permissions');
  }
}
