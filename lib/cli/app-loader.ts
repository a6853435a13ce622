/**
 * Loads a kubeforge app inside the CLI's own process, for `kubeforge deploy|preview|destroy`.
 *
 * `kubeforge synth` runs the cdk8s.yaml `app:` command as a child process that writes files. A deploy needs the
 * App object itself (the Pulumi bridge walks its construct tree), so the app's entry file is run here as the
 * main module (its `require.main === module` guard holds), and the App whose `synth()` it calls is taken
 * (see handOverToDeploy in lib/app/cli-hooks.ts) instead of writing anything.
 */
import Module = require('module');
import * as fs from 'fs';
import * as path from 'path';
import { DEPLOY_CAPTURE } from '../app/cli-hooks';

/** A usage problem with the app command: the CLI exits 2. */
export class AppCommandError extends Error {}

export interface AppEntry {
  /** Absolute path of the entry file. */
  readonly file: string;
  /** Arguments after the file (process.argv[2..] while the app runs). */
  readonly args: readonly string[];
  /** Modules preloaded with `-r` / `--require` (e.g. ts-node/register), as given. */
  readonly requires: readonly string[];
}

/** Node options that change nothing about what the app builds, so they are accepted and ignored. */
const HARMLESS_NODE_FLAG = /^--(enable-source-maps|no-warnings|no-deprecation|trace-warnings|max-old-space-size=\d+|stack-trace-limit=\d+)$/;

/** Splits a command line like a POSIX shell does for plain words and quotes; anything fancier is refused. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      if (end === -1) throw new AppCommandError(`unterminated ${c} quote`);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ('|&;<>()$`*?\\'.includes(c)) {
      throw new AppCommandError(`shell syntax (${JSON.stringify(c)}) is not supported here`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * Reads `node [-r MODULE]... FILE [ARGS]` out of an app command. Other commands (npx ts-node, a shell script)
 * cannot hand an App object to this process, so they are refused with what to write instead.
 */
export function parseAppCommand(command: string, cwd: string): AppEntry {
  const refuse = (why: string): never => {
    throw new AppCommandError(
      `cannot run the app "${command}" for a deploy: ${why}. deploy loads the app into its own process, so the app ` +
        'command must be "node <file>.js [args]" (optionally with -r <module>). Fix: compile the app (npx tsc) and set ' +
        '"app: node build/main.js" in cdk8s.yaml, or pass -a "node build/main.js"',
    );
  };
  let words: string[];
  try {
    words = splitCommand(command.trim());
  } catch (e) {
    return refuse((e as Error).message);
  }
  if (words.length === 0) return refuse('the command is empty');
  if (!/^(.*[\\/])?node(\.exe)?$/.test(words[0])) return refuse(`it starts with "${words[0]}", not node`);
  const requires: string[] = [];
  let i = 1;
  for (; i < words.length && words[i].startsWith('-'); i++) {
    const w = words[i];
    if (w === '-r' || w === '--require') {
      if (i + 1 >= words.length) return refuse(`${w} needs a module`);
      requires.push(words[++i]);
    } else if (w.startsWith('--require=')) {
      requires.push(w.slice('--require='.length));
    } else if (!HARMLESS_NODE_FLAG.test(w)) {
      return refuse(`the node option ${w} is not supported`);
    }
  }
  if (i >= words.length) return refuse('it names no file to run');
  return { file: path.resolve(cwd, words[i]), args: words.slice(i + 1), requires };
}

/** The app threw while it was built (a construct error is a finding; anything else a crash). */
export class AppLoadError extends Error {
  constructor(message: string, public readonly cause: unknown) {
    super(message);
  }
}

/**
 * Runs the entry as the main module and returns the App it synthesizes. The app's own stdout goes to stderr
 * (as under `kubeforge synth`), so stdout stays free for data.
 */
export async function loadApp(entry: AppEntry, cwd: string): Promise<object> {
  if (!fs.existsSync(entry.file)) {
    throw new AppCommandError(`the app file ${entry.file} does not exist. Fix: build the app first (npm run build or npx tsc)`);
  }
  const captured: object[] = [];
  const g = globalThis as Record<symbol, unknown>;
  g[DEPLOY_CAPTURE] = (app: object) => captured.push(app);
  const saved = { argv: process.argv, main: process.mainModule, write: process.stdout.write };
  const M = Module as unknown as {
    new (id: string, parent: unknown): NodeJS.Module & { load(file: string): void; paths: string[] };
    _nodeModulePaths(dir: string): string[];
    _cache: Record<string, NodeJS.Module>;
  };
  try {
    for (const r of entry.requires) require(require.resolve(r, { paths: [cwd] }));
    const mod = new M(entry.file, null);
    mod.filename = entry.file;
    mod.paths = M._nodeModulePaths(path.dirname(entry.file));
    M._cache[entry.file] = mod;
    process.argv = [process.argv[0], entry.file, ...entry.args];
    process.mainModule = mod as NodeJS.Module;
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
    try {
      mod.load(entry.file);
      // An app that builds after a tick (a promise chain, no I/O) still counts.
      await new Promise((resolve) => setImmediate(resolve));
    } catch (e) {
      delete M._cache[entry.file];
      throw new AppLoadError(`the app ${path.relative(cwd, entry.file) || entry.file} failed while it was built`, e);
    }
  } finally {
    process.argv = saved.argv;
    process.mainModule = saved.main;
    process.stdout.write = saved.write;
    delete g[DEPLOY_CAPTURE];
  }
  if (captured.length === 0) {
    throw new AppCommandError(
      `the app ${path.relative(cwd, entry.file) || entry.file} never called app.synth(). Fix: end the entry file with ` +
        '`app.synth()` (as for kubeforge synth); deploy takes that App instead of writing files',
    );
  }
  if (captured.length > 1) {
    throw new AppCommandError(`the app called synth() on ${captured.length} Apps; a deploy takes exactly one. Fix: build one App per entry file`);
  }
  return captured[0];
}
