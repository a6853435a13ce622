/** How deploy gets the App out of an app command: `node FILE` parsed, the file run in-process as main, its App taken. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { AppCommandError, parseAppCommand, splitCommand } from '../../lib/cli/app-loader';

const LIB = path.resolve(__dirname, '../../lib');

describe('parseAppCommand', () => {
  const cwd = '/project';
  test.each([
    ['node build/main.js', { file: '/project/build/main.js', args: [], requires: [] }],
    ['  node   main.js --fast  ', { file: '/project/main.js', args: ['--fast'], requires: [] }],
    ['/usr/bin/node -r ts-node/register src/main.ts', { file: '/project/src/main.ts', args: [], requires: ['ts-node/register'] }],
    ['node --require=./setup.js --enable-source-maps "my app.js" a', { file: '/project/my app.js', args: ['a'], requires: ['./setup.js'] }],
  ])('%s', (command, entry) => {
    expect(parseAppCommand(command, cwd)).toEqual(entry);
  });

  test.each([
    ['npx ts-node main.ts', 'it starts with "npx", not node'],
    ['node', 'it names no file to run'],
    ['node -r', '-r needs a module'],
    ['node --inspect main.js', 'the node option --inspect is not supported'],
    ['node main.js && echo done', 'shell syntax ("&")'],
    ['node "main.js', 'unterminated " quote'],
    ['', 'the command is empty'],
  ])('%j is refused: %s', (command, why) => {
    expect(() => parseAppCommand(command, cwd)).toThrow(AppCommandError);
    expect(() => parseAppCommand(command, cwd)).toThrow(why);
    expect(() => parseAppCommand(command, cwd)).toThrow('app: node build/main.js');
  });

  test('splitCommand keeps quoted spaces and joins adjacent quoted parts', () => {
    expect(splitCommand(`node 'a b'"c" d`)).toEqual(['node', 'a bc', 'd']);
  });
});

/**
 * loadApp runs the app through Node's own module loader, outside jest's module sandbox, so each case runs in a
 * child node process (as in the CLI) and reports back as JSON.
 */
describe('loadApp', () => {
  const LOADER = path.resolve(__dirname, '../../lib/cli/app-loader.js');

  function entryFile(body: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kf-load-'));
    const file = path.join(dir, 'main.js');
    fs.writeFileSync(file, `const k = require(${JSON.stringify(LIB)});\n${body}\n`);
    return file;
  }

  /** Loads `file` with loadApp in a child process; `then` is JS run with the loaded `app` in scope. */
  function load(file: string, args: string[] = [], then = 'return {}') {
    const script = `
      const { loadApp, AppCommandError, AppLoadError } = require(${JSON.stringify(LOADER)});
      const { App } = require(${JSON.stringify(LIB)});
      loadApp({ file: ${JSON.stringify(file)}, args: ${JSON.stringify(args)}, requires: [] }, ${JSON.stringify(path.dirname(file))})
        .then((app) => ({ ok: true, isApp: app instanceof App, ...(() => { ${then} })() }),
              (e) => ({ ok: false, type: e.constructor.name, message: e.message, cause: e.cause && e.cause.constructor.name }))
        .then((r) => process.stdout.write(JSON.stringify(r)));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.dirname(file) });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
    return { ...JSON.parse(r.stdout), stderr: r.stderr };
  }

  test('runs the file as the main module with its argv, and returns the App it synthesizes; nothing is written', () => {
    const file = entryFile(`
      const app = new k.App({ outdir: __dirname + '/dist' });
      new k.ConfigMap(new k.Chart(app, 'c'), 'cfg', { data: { arg: process.argv[2] } });
      if (require.main === module) app.synth();
      module.exports = app;`);
    const dist = path.join(path.dirname(file), 'dist');
    const r = load(file, ['hello'], `
      const before = require('fs').existsSync(${JSON.stringify(dist)});
      app.synth(); // the hook is gone afterwards: a later synth writes files again
      return { same: app === require(${JSON.stringify(file)}), before, data: app.synthesize().charts[0].objects[0].json.data,
               argv: process.argv.length };`);
    expect(r).toMatchObject({ ok: true, isApp: true, same: true, before: false, data: { arg: 'hello' } });
    expect(fs.readdirSync(dist)).toEqual(['c.k8s.yaml']);
  });

  test("the app's stdout goes to stderr while it runs, and argv is restored", () => {
    const file = entryFile(`console.log('app says hi'); new k.App().synth();`);
    const r = load(file, ['x', 'y'], 'return { argv: process.argv.slice(1) }');
    expect(r.ok).toBe(true);
    expect(r.stderr).toContain('app says hi');
    expect(r.argv).not.toContain('x');
  });

  test('an App synthesized after a promise tick still counts', () => {
    const file = entryFile(`Promise.resolve().then(() => new k.App().synth());`);
    expect(load(file)).toMatchObject({ ok: true, isApp: true });
  });

  test('an app that throws: AppLoadError carrying the original error', () => {
    const file = entryFile(`throw new RangeError('bad input');`);
    expect(load(file)).toMatchObject({ ok: false, type: 'AppLoadError', cause: 'RangeError', message: expect.stringContaining('failed while it was built') });
  });

  test('no synth(), two synth()s, or a missing file: AppCommandError saying which', () => {
    expect(load(entryFile(`new k.App();`))).toMatchObject({ ok: false, type: 'AppCommandError', message: expect.stringContaining('never called app.synth()') });
    expect(load(entryFile(`new k.App().synth(); new k.App().synth();`))).toMatchObject({ type: 'AppCommandError', message: expect.stringContaining('synth() on 2 Apps') });
    const missing = path.join(path.dirname(entryFile('')), 'nope.js');
    expect(load(missing)).toMatchObject({ ok: false, type: 'AppCommandError', message: expect.stringContaining('nope.js does not exist') });
  });
});
