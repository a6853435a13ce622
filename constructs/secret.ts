/**
 * Secret (v1). Values given as `stringData` are written base64-encoded under `data`, the canonical form, so
 * `kubectl apply` stays idempotent (stringData is merged into data on the server and never read back).
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { fail } from '../lib/util/check';
import { checkDataKey } from '../lib/util/names';
import { EnvFrom, EnvValue } from './env';
import { checkProjectedKeys, IVolumeSource, KeyToPathOptions, Volume } from './volume';
import { isBase64, MAX_DATA_BYTES } from './config-map';
import { KeySourceReference } from './reference';

export interface SecretProps extends KubeObjectProps {
  /** Plain-text values (encoded at synth). @default - none */
  readonly stringData?: Readonly<Record<string, string>>;
  /** Values already base64-encoded. @default - none */
  readonly data?: Readonly<Record<string, string>>;
  /** e.g. `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`. @default - Kubernetes' default (Opaque) */
  readonly type?: string;
  /** @default false */
  readonly immutable?: boolean;
}

export interface ISecret extends IConstruct, IVolumeSource {
  readonly name: string;
  env(key: string, options?: { readonly optional?: boolean }): EnvValue;
  envFrom(prefix?: string): EnvFrom;
  asVolume(options?: KeyToPathOptions): Volume;
  hasKey?(key: string): boolean;
}

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export class Secret extends KubeObject implements ISecret {
  /** Refers to a Secret that already exists in the cluster; nothing is emitted for it. */
  public static fromName(scope: Construct, id: string, name: string): ISecret {
    return new KeySourceReference(scope, id, name, 'Secret');
  }

  private readonly data = new Map<string, string>();
  private readonly type?: string;
  private readonly immutable?: boolean;

  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'Secret', namespaced: true }, props);
    this.type = props.type;
    this.immutable = props.immutable;
    for (const [k, v] of Object.entries(props.data ?? {})) {
      if (typeof v !== 'string' || !isBase64(v)) fail(this, `data["${k}"] is not base64`, '<hidden>', 'base64 text', 'put plain values in stringData instead');
      this.set(k, v);
    }
    for (const [k, v] of Object.entries(props.stringData ?? {})) this.addStringData(k, v);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Adds a plain-text value (encoded at synth). */
  public addStringData(key: string, value: string): void {
    if (typeof value !== 'string') fail(this, `stringData["${key}"] must be a string`, typeof value, 'a string', 'convert the value with String(...)');
    this.set(key, Buffer.from(value, 'utf8').toString('base64'));
  }

  private set(key: string, base64: string): void {
    const bad = checkDataKey(key);
    if (bad) fail(this, 'the key is not valid', key, bad, 'rename the key, e.g. "password"');
    if (this.data.has(key)) fail(this, 'the key is set twice', key, 'each key once across data and stringData', 'remove one of them');
    this.data.set(key, base64);
  }

  public hasKey(key: string): boolean {
    return this.data.has(key);
  }

  public env(key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    return EnvValue.fromKey({ kind: 'Secret', source: this, key, optional: options.optional });
  }

  public envFrom(prefix?: string): EnvFrom {
    return EnvFrom.fromSource('Secret', this, prefix);
  }

  public asVolume(options: KeyToPathOptions = {}): Volume {
    checkProjectedKeys(this, 'Secret', options, [...this.data.keys()]);
    return Volume.fromSecret(this, options);
  }

  private validate(): string[] {
    const errors: string[] = [];
    for (const k of REQUIRED_KEYS[this.type ?? ''] ?? []) {
      if (!this.data.has(k)) errors.push(`${this.node.path}: a Secret of type ${this.type} needs the key "${k}". Fix: add it to stringData.`);
    }
    let size = 0;
    for (const [k, v] of this.data) size += k.length + Math.floor((v.length * 3) / 4);
    if (size > MAX_DATA_BYTES) errors.push(`${this.node.path}: the Secret holds ${size} bytes, more than the 1 MiB the API server accepts. Fix: split it.`);
    return errors;
  }

  protected renderBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    if (this.immutable) body.immutable = true;
    if (this.type) body.type = this.type;
    if (this.data.size) body.data = Object.fromEntries(this.data);
    return body;
  }
}
