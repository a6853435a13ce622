/**
 * App: the root of a kubeforge app. `synth()` writes one `<chart>.k8s.yaml` per chart, atomically, into
 * `outdir` (CDK8S_OUTDIR when run by `kubeforge synth` or `cdk8s synth`), after every check has passed.
 */
import * as cdk8s from 'cdk8s';
import { Issue, SynthError } from '../util/errors';
import { DefaultsPolicy, IPolicyHolder, LIBRARY_DEFAULTS, mergePolicies, ResolvedPolicy } from './policy';
import * as fs from 'fs';
import * as path from 'path';
import { synthesize, SynthesisOptions, SynthesisResult } from '../synth/synth';
import { assertReplaceable, makeStagingDir, replaceDirectory } from '../synth/write';
import { handOverToDeploy, installCliHooks } from './cli-hooks';
import { formatIssuesText } from '../report/text';
import { RuleConfig, ValidationOptions } from '../rules';
import { resolveK8sVersion } from '../schema';
import { Environment } from './environment';

export interface AppProps {
  /** Output directory. @default - $CDK8S_OUTDIR, else "dist" */
  readonly outdir?: string;
  /** App-wide defaults (resources, security context, probes, labels, ...). @default - LIBRARY_DEFAULTS */
  readonly defaults?: DefaultsPolicy;
  /**
   * Run validation at synth. `kubeforge synth --no-validate` turns it off for one run.
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Kubernetes version whose API every object is checked against, e.g. "1.36". `kubeforge synth --k8s-version`
   * overrides it for one run.
   * @default - the newest bundled version
   */
  readonly k8sVersion?: string;
  /**
   * Rule severities over the `recommended` preset, e.g. `{ 'image-latest-tag': 'off', 'missing-limits': 'error' }`.
   * @default - recommended
   */
  readonly rules?: RuleConfig;
  /**
   * The environments (clusters) this app can be deployed to. The active one's namespace default, k8sVersion and
   * policy shape the objects, for synth and the Pulumi bridge alike.
   * @default - none
   */
  readonly environments?: readonly Environment[];
  /**
   * Name of the active environment (one of `environments`).
   * @default - $KUBEFORGE_ENV (set by `kubeforge synth|deploy --env NAME`), else none: a plain app
   */
  readonly environment?: string;
}

/** Writes YAML documents to a file in batches, so a 20 MB chart never exists as one string. */
function writeDocuments(file: string, docs: readonly string[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    const BATCH = 1000;
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH).join('---\n');
      fs.writeSync(fd, i === 0 ? batch : '---\n' + batch);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export class App extends cdk8s.App implements IPolicyHolder {
  public readonly resolvedPolicy: ResolvedPolicy;
  private readonly validateOnSynth: boolean;
  /** Target version and rule configuration used by synth and validate(). */
  public readonly validation: ValidationOptions;
  /** The declared environments. */
  public readonly environments: readonly Environment[];
  /** The active environment, if any. */
  public readonly environment: Environment | undefined;

  constructor(props: AppProps = {}) {
    super({ outdir: props.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist' });
    installCliHooks();
    this.environments = [...(props.environments ?? [])];
    this.environment = Environment.select(props.environments, props.environment ?? process.env.KUBEFORGE_ENV);
    const env = this.environment?.props;
    this.resolvedPolicy = mergePolicies(LIBRARY_DEFAULTS, props.defaults, env?.policy);
    this.validateOnSynth = (props.validate ?? true) && process.env.KUBEFORGE_NO_VALIDATE !== '1';
    // A version that is not bundled is bad input: it throws here, naming the bundled ones.
    if (props.k8sVersion !== undefined) resolveK8sVersion(props.k8sVersion);
    this.validation = { k8sVersion: process.env.KUBEFORGE_K8S_VERSION || env?.k8sVersion || props.k8sVersion, rules: props.rules };
  }

  /** The active environment's namespace default (Charts that name no namespace use it). */
  public get defaultNamespace(): string | undefined {
    return this.environment?.props.namespace;
  }

  /** Renders, orders and checks every object without writing anything. */
  public synthesize(options: Partial<SynthesisOptions> = {}): SynthesisResult {
    return synthesize(this, { validation: this.validation, ...options, validate: options.validate ?? this.validateOnSynth });
  }

  /** The findings for the whole app (construct checks and synth-time rules); nothing is written. */
  public validate(): Issue[] {
    return [...this.synthesize({ validate: true, yaml: false }).issues];
  }

  /** Writes the manifests. Throws SynthError, and leaves the previous output untouched, on any error. */
  public synth(): void {
    if (handOverToDeploy(this)) return;
    const target = path.resolve(this.outdir);
    assertReplaceable(target);
    const staging = makeStagingDir(target);
    try {
      // Each chart's file is written as soon as it is rendered and its objects are dropped: peak memory stays
      // near the size of the construct tree, not tree + JSON + YAML.
      this.checked({ keepObjects: false, sink: (name, docs) => writeDocuments(path.join(staging, name), docs) });
      replaceDirectory(staging, target);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** All charts as one YAML stream. */
  public synthYaml(): string {
    return this.checked()
      .charts.map((c) => c.yaml)
      .filter((y) => y !== '')
      .join('---\n');
  }

  private checked(extra: Omit<SynthesisOptions, 'validate'> = {}): SynthesisResult {
    const result = synthesize(this, { validate: this.validateOnSynth, validation: this.validation, ...extra });
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    if (warnings.length > 0) process.stderr.write(formatIssuesText(warnings));
    if (result.issues.some((i) => i.severity === 'error')) throw new SynthError(result.issues);
    return result;
  }
}
