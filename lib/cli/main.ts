#!/usr/bin/env node
/**
 * The kubeforge CLI. Thin by design: parse arguments, call the core, map outcomes to exit codes
 * (0 clean, 1 findings at error level, 2 usage, parse or I/O error). Data on stdout, logs on stderr.
 */
import { parseArgs } from 'util';
import { EXIT_USAGE } from './exit-codes';
import type { runSynth as RunSynth } from './synth';
import { k8sVersionProblem, validateCommand, VALIDATE_USAGE } from './validate';

const USAGE = `Usage: kubeforge <command> [options]

Commands:
  synth      Run the app (cdk8s.yaml "app:") and write <chart>.k8s.yaml files
  validate   Check manifest files (YAML or JSON) with the same rules as synth
  deploy     Deploy the app to an environment's cluster through Pulumi (also: preview, destroy)

synth options:
  -a, --app <command>   Command that runs the app (default: "app" in cdk8s.yaml)
  -o, --output <dir>    Output directory (default: "output" in cdk8s.yaml, else dist)
      --stdout          Print the manifests instead of writing files
      --no-validate     Skip validation (for debugging a failing synth)
      --k8s-version <v> Validate against this Kubernetes version (default: the app's, else the newest bundled)
  -e, --env <name>      Build the app for this environment (sets KUBEFORGE_ENV for the app)
  -c, --config <file>   Project file (default: cdk8s.yaml)
      --no-color        Plain output (NO_COLOR is honoured too)

  -h, --help            Show this help
  -v, --version         Show the version

${VALIDATE_USAGE.replace(/^Usage: .*\n\n/, '')}
deploy, preview, destroy: kubeforge deploy --help
Exit codes: 0 success (warnings allowed), 1 findings at error level, 2 usage, parse or I/O error.
`;

/** Options of synth (and the global ones) that take a value, so the command can be found before parsing. */
const VALUE_OPTIONS = new Set(['-a', '--app', '-o', '--output', '-c', '--config', '--k8s-version', '-e', '--env', '--stack']);

const DEPLOY_COMMANDS = new Set(['deploy', 'preview', 'destroy']);

function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (VALUE_OPTIONS.has(argv[i])) i++;
    else if (!argv[i].startsWith('-')) return i;
  }
  return -1;
}

export function main(argv: string[]): number | Promise<number> {
  const log = (s: string) => void process.stderr.write(s);
  const out = (s: string) => void process.stdout.write(s);
  // validate has options of its own (and -o means the format there), so it parses its arguments itself.
  const at = commandIndex(argv);
  if (at !== -1 && argv[at] === 'validate') return validateCommand([...argv.slice(0, at), ...argv.slice(at + 1)], { out, log });
  if (at !== -1 && DEPLOY_COMMANDS.has(argv[at])) {
    // Loaded on demand: only these commands touch Pulumi, and they load @pulumi/* only after their checks.
    const { deployCommand } = require('./deploy') as typeof import('./deploy');
    return deployCommand(argv, { out, log });
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        app: { type: 'string', short: 'a' },
        output: { type: 'string', short: 'o' },
        stdout: { type: 'boolean' },
        'no-validate': { type: 'boolean' },
        'k8s-version': { type: 'string' },
        env: { type: 'string', short: 'e' },
        config: { type: 'string', short: 'c' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    log(`kubeforge: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values['no-color']) process.env.NO_COLOR = '1';
  if (values.version) {
    out(`${require('../../../package.json').version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? out : log)(USAGE);
    return values.help ? 0 : EXIT_USAGE;
  }
  if (command !== 'synth') {
    log(`kubeforge: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (rest.length) {
    log(`kubeforge: synth takes no positional arguments (got ${rest.join(' ')})\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const k8sVersion = values['k8s-version'];
  if (k8sVersion !== undefined) {
    // Checked here, so a wrong version is a usage error before the app runs.
    const problem = k8sVersionProblem(k8sVersion);
    if (problem) {
      log(`kubeforge: --k8s-version ${JSON.stringify(k8sVersion)}: ${problem}\n`);
      return EXIT_USAGE;
    }
  }
  // Loaded on demand: synth pulls in ajv and the yaml package, which validate does not need at start-up.
  const runSynth: typeof RunSynth = require('./synth').runSynth;
  return runSynth(
    {
      app: values.app,
      output: values.output,
      stdout: values.stdout,
      validate: !values['no-validate'],
      k8sVersion,
      configFile: values.config,
      env: values.env,
    },
    log,
    out,
  );
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
