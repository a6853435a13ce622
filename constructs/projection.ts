/**
 * Sources of projected and downwardAPI volumes: ConfigMap and Secret keys, pod metadata and container
 * resources as files, and service account tokens for an audience. Checked as the API server does
 * (validateProjectedVolumeSource, validateDownwardAPIVolumeFile): relative paths, unique across the volume.
 */
import { IConstruct } from 'constructs';
import { checkIntRange, fail } from '../lib/util/check';
import { checkLabelKey } from '../lib/util/names';

/** The pod fields a volume file can hold (env vars can read more; files only these). */
export type DownwardApiFieldPath = 'metadata.name' | 'metadata.namespace' | 'metadata.uid' | 'metadata.labels' | 'metadata.annotations';

export type DownwardApiResource = 'limits.cpu' | 'limits.memory' | 'limits.ephemeral-storage' | 'requests.cpu' | 'requests.memory' | 'requests.ephemeral-storage';

const FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations'];
const RESOURCES: readonly string[] = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const SUBSCRIPT = /^metadata\.(labels|annotations)\['([^']*)'\]$/;
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

export interface DownwardApiFileOptions {
  /** File mode, e.g. 0o440. @default - the volume's defaultMode */
  readonly mode?: number;
}

export interface DownwardApiResourceOptions extends DownwardApiFileOptions {
  /** The container whose resource is read (required in volumes). */
  readonly containerName: string;
  /** Unit of the value: "1m" (millicores) or "1" for cpu; "1", "1Ki", "1Mi", ... for memory. @default '1' */
  readonly divisor?: string;
}

/** One file of a downwardAPI volume or projection. */
export class DownwardApiFile {
  /**
   * A pod field: `metadata.labels`, `metadata.annotations` (one `key="value"` line each), `metadata.name`,
   * `metadata.namespace`, `metadata.uid`, or one label/annotation: `metadata.labels['tier']`.
   */
  public static field(path: string, fieldPath: DownwardApiFieldPath | `metadata.${'labels' | 'annotations'}['${string}']`, options: DownwardApiFileOptions = {}): DownwardApiFile {
    return new DownwardApiFile(path, { fieldRef: { fieldPath } }, options.mode);
  }

  /** A container's request or limit, e.g. `DownwardApiFile.resource('mem', 'limits.memory', { containerName: 'app', divisor: '1Mi' })`. */
  public static resource(path: string, resource: DownwardApiResource, options: DownwardApiResourceOptions): DownwardApiFile {
    const ref: Record<string, unknown> = { containerName: options?.containerName, resource };
    if (options?.divisor !== undefined) ref.divisor = options.divisor;
    return new DownwardApiFile(path, { resourceFieldRef: ref }, options?.mode);
  }

  private constructor(
    public readonly path: string,
    private readonly ref: { fieldRef?: { fieldPath: string }; resourceFieldRef?: Record<string, unknown> },
    private readonly mode?: number,
  ) {}

  /** The container a resource file reads, if any (checked against the pod at synth). */
  public get containerName(): string | undefined {
    return this.ref.resourceFieldRef?.containerName as string | undefined;
  }

  /** @internal */
  public _check(where: IConstruct, field: string): void {
    checkRelativePath(where, `${field} path`, this.path);
    checkIntRange(where, `${field} mode`, this.mode, 0, 0o777, 'use an octal mode such as 0o440');
    const fp = this.ref.fieldRef?.fieldPath;
    if (fp !== undefined) {
      const sub = typeof fp === 'string' ? SUBSCRIPT.exec(fp) : null;
      if (sub) {
        const bad = checkLabelKey(sub[2]);
        if (bad) fail(where, `${field}: the key in ${fp} is not a valid ${sub[1] === 'labels' ? 'label' : 'annotation'} key`, sub[2], bad, "use e.g. metadata.labels['app.kubernetes.io/name']", 'label');
      } else if (!FIELD_PATHS.includes(fp)) {
        fail(where, `${field}: fieldPath is not supported in a volume`, fp, `${FIELD_PATHS.join(', ')}, or metadata.labels['key'] / metadata.annotations['key']`, 'pick one of these, or use an env var (EnvValue.fromFieldRef) for status and spec fields', 'enum');
      }
      return;
    }
    const r = this.ref.resourceFieldRef ?? {};
    const resource = r.resource as string;
    if (!RESOURCES.includes(resource)) fail(where, `${field}: resource is not supported`, resource, RESOURCES.join(', '), 'use e.g. limits.memory', 'enum');
    if (typeof r.containerName !== 'string' || r.containerName === '') {
      fail(where, `${field}: a resource file needs containerName`, r.containerName, 'the name of one of the pod\'s containers', "pass { containerName: 'app' }");
    }
    if (r.divisor !== undefined) {
      const allowed = resource.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
      if (!allowed.includes(r.divisor as string)) fail(where, `${field}: divisor is not valid for ${resource}`, r.divisor, allowed.join(', '), `use one of ${allowed.join(', ')}`, 'quantity');
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    const out: Record<string, unknown> = { path: this.path };
    if (this.ref.fieldRef) out.fieldRef = { fieldPath: this.ref.fieldRef.fieldPath };
    if (this.ref.resourceFieldRef) out.resourceFieldRef = { ...this.ref.resourceFieldRef };
    if (this.mode !== undefined) out.mode = this.mode;
    return out;
  }
}

/** A path inside a volume: relative, no ".." segment, not starting with "..". */
export function checkRelativePath(where: IConstruct, field: string, path: unknown): void {
  if (typeof path !== 'string' || path === '') fail(where, `${field} is empty`, path, 'a relative file path', 'give the file a name, e.g. "labels"');
  if (path.startsWith('/') || path.split('/').includes('..') || path.startsWith('..')) {
    fail(where, `${field} must be a relative path inside the volume`, path, 'a relative path without ".." segments', 'remove the leading "/" or the ".." segment');
  }
}

function claimPath(where: IConstruct, field: string, path: string, paths: Set<string>): void {
  if (paths.has(path)) fail(where, `${field}: two files have the path "${path}"`, path, 'unique file paths in the volume', 'rename one of the files');
  paths.add(path);
}

/** @internal checks downward files and records their paths (shared by downwardAPI volumes and projections). */
export function checkDownwardFiles(where: IConstruct, field: string, files: readonly DownwardApiFile[], paths: Set<string>): void {
  if (!Array.isArray(files) || files.length === 0) fail(where, `${field}: downward API needs at least one file`, files, 'DownwardApiFile.field(...) or .resource(...)', "pass [DownwardApiFile.field('labels', 'metadata.labels')]");
  files.forEach((f, i) => {
    if (!(f instanceof DownwardApiFile)) fail(where, `${field}: downward API file ${i} must be built with DownwardApiFile`, f, 'DownwardApiFile.field(...) or .resource(...)', 'build the file with DownwardApiFile');
    f._check(where, `${field} file "${f.path}"`);
    claimPath(where, field, f.path, paths);
  });
}

export function downwardFileJson(f: DownwardApiFile): Record<string, unknown> {
  return f instanceof DownwardApiFile ? f._toJson() : (f as unknown as Record<string, unknown>);
}

/** A ConfigMap or Secret to project: an object with a name, and its keys when it is defined in the app. */
type KeySource = IConstruct & { readonly name: string; hasKey?(key: string): boolean };

export interface KeyProjectionOptions {
  /** Project only these keys, to these relative paths. @default - every key, as a file named after it */
  readonly items?: Readonly<Record<string, string>>;
  /** @default false */
  readonly optional?: boolean;
}

export interface ServiceAccountTokenOptions {
  /** The file the token is written to, e.g. "token". */
  readonly path: string;
  /** Who the token is for; the recipient must check it. @default - the API server's audience */
  readonly audience?: string;
  /** Requested lifetime; the kubelet refreshes the file before it expires. At least 600. @default - Kubernetes' default (3600) */
  readonly expirationSeconds?: number;
}

/** One source of a projected volume. */
export class ProjectionSource {
  public static configMap(configMap: KeySource, options: KeyProjectionOptions = {}): ProjectionSource {
    return new ProjectionSource('configMap', configMap, options);
  }

  public static secret(secret: KeySource, options: KeyProjectionOptions = {}): ProjectionSource {
    return new ProjectionSource('secret', secret, options);
  }

  public static downwardApi(files: readonly DownwardApiFile[]): ProjectionSource {
    return new ProjectionSource('downwardAPI', undefined, {}, files);
  }

  /** A token of the pod's ServiceAccount for `audience`, rotated by the kubelet (e.g. for Vault or a service mesh). */
  public static serviceAccountToken(options: ServiceAccountTokenOptions): ProjectionSource {
    return new ProjectionSource('serviceAccountToken', undefined, {}, [], options);
  }

  private constructor(
    private readonly kind: 'configMap' | 'secret' | 'downwardAPI' | 'serviceAccountToken',
    public readonly from: KeySource | undefined,
    private readonly keyOptions: KeyProjectionOptions,
    public readonly downwardFiles: readonly DownwardApiFile[] = [],
    private readonly token?: ServiceAccountTokenOptions,
  ) {}

  /** @internal checks the source; `paths` collects file paths across the whole volume. */
  public _check(where: IConstruct, volume: string, paths: Set<string>): void {
    const field = `${volume} ${this.kind} source`;
    if (this.kind === 'downwardAPI') return checkDownwardFiles(where, field, this.downwardFiles, paths);
    if (this.kind === 'serviceAccountToken') {
      const t = this.token;
      checkRelativePath(where, `${field} path`, t?.path);
      claimPath(where, field, t!.path, paths);
      if (t!.audience !== undefined && typeof t!.audience !== 'string') fail(where, `${field}: audience must be a string`, t!.audience, 'a string', 'quote the audience');
      checkIntRange(where, `${field} expirationSeconds`, t!.expirationSeconds, 600, 2 ** 32, 'use at least 600 (10 minutes), e.g. 3600');
      return;
    }
    const src = this.from;
    if (!src || typeof src.name !== 'string') fail(where, `${field} needs a ${this.kind === 'configMap' ? 'ConfigMap' : 'Secret'} object`, src, 'a ConfigMap or Secret construct, or X.fromName(...)', 'pass the object');
    for (const [key, path] of Object.entries(this.keyOptions.items ?? {})) {
      if (src.hasKey && !src.hasKey(key)) fail(where, `${field}: key "${key}" does not exist in ${src.node.path}`, key, 'keys of the object', 'add the key to the object, or fix its name');
      checkRelativePath(where, `${field} path of key "${key}"`, path);
      claimPath(where, field, path, paths);
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    if (this.kind === 'downwardAPI') return { downwardAPI: { items: this.downwardFiles.map(downwardFileJson) } };
    if (this.kind === 'serviceAccountToken') {
      const t = this.token!;
      const out: Record<string, unknown> = {};
      if (t.audience !== undefined) out.audience = t.audience;
      if (t.expirationSeconds !== undefined) out.expirationSeconds = t.expirationSeconds;
      out.path = t.path;
      return { serviceAccountToken: out };
    }
    const o = this.keyOptions;
    const body: Record<string, unknown> = { name: this.from?.name };
    if (o.items) body.items = Object.entries(o.items).map(([key, path]) => ({ key, path }));
    if (o.optional) body.optional = true;
    return { [this.kind]: body };
  }
}
