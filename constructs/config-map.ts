/** ConfigMap (v1): data and binaryData; used as env (`env(key)`, `envFrom()`) or mounted as files. */
import { Construct, IConstruct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { fail } from '../lib/util/check';
import { checkDataKey } from '../lib/util/names';
import { EnvFrom, EnvValue } from './env';
import { checkProjectedKeys, IVolumeSource, KeyToPathOptions, Volume } from './volume';
import { KeySourceReference } from './reference';

/** The apiserver's limit for the whole object's data (etcd's value limit). */
export const MAX_DATA_BYTES = 1024 * 1024;

export interface ConfigMapProps extends KubeObjectProps {
  /** UTF-8 entries. @default - none */
  readonly data?: Readonly<Record<string, string>>;
  /** Binary entries, base64-encoded. @default - none */
  readonly binaryData?: Readonly<Record<string, string>>;
  /** Data can no longer change (changes need a new object). @default false */
  readonly immutable?: boolean;
}

/** A ConfigMap created in the app, or one that exists in the cluster (`ConfigMap.fromName`). */
export interface IConfigMap extends IConstruct, IVolumeSource {
  readonly name: string;
  env(key: string, options?: { readonly optional?: boolean }): EnvValue;
  envFrom(prefix?: string): EnvFrom;
  asVolume(options?: KeyToPathOptions): Volume;
  hasKey?(key: string): boolean;
}

export function isBase64(s: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);
}

export class ConfigMap extends KubeObject implements IConfigMap {
  /** Refers to a ConfigMap that already exists in the cluster; nothing is emitted for it. */
  public static fromName(scope: Construct, id: string, name: string): IConfigMap {
    return new KeySourceReference(scope, id, name, 'ConfigMap');
  }

  private readonly data = new Map<string, string>();
  private readonly binaryData = new Map<string, string>();
  private readonly immutable?: boolean;

  constructor(scope: Construct, id: string, props: ConfigMapProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true }, props);
    this.immutable = props.immutable;
    for (const [k, v] of Object.entries(props.data ?? {})) this.addData(k, v);
    for (const [k, v] of Object.entries(props.binaryData ?? {})) this.addBinaryData(k, v);
    this.node.addValidation({ validate: () => this.validate() });
  }

  public addData(key: string, value: string): void {
    this.checkKey(key);
    if (typeof value !== 'string') fail(this, `data["${key}"] must be a string`, value, 'strings only (ConfigMap values are text)', `quote it: "${String(value)}"`);
    this.data.set(key, value);
  }

  public addBinaryData(key: string, base64: string): void {
    this.checkKey(key);
    if (!isBase64(base64)) fail(this, `binaryData["${key}"] is not base64`, base64.slice(0, 40), 'standard base64 with padding', 'encode with Buffer.from(bytes).toString("base64")');
    this.binaryData.set(key, base64);
  }

  private checkKey(key: string): void {
    const bad = checkDataKey(key);
    if (bad) fail(this, 'the key is not valid', key, bad, 'rename the key, e.g. "app.conf"');
    if (this.data.has(key) || this.binaryData.has(key)) fail(this, 'the key is set twice', key, 'each key once across data and binaryData', 'remove one of them');
  }

  public hasKey(key: string): boolean {
    return this.data.has(key) || this.binaryData.has(key);
  }

  public get keys(): string[] {
    return [...this.data.keys(), ...this.binaryData.keys()];
  }

  /** One key as an environment variable value. */
  public env(key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    return EnvValue.fromKey({ kind: 'ConfigMap', source: this, key, optional: options.optional });
  }

  /** Every key as an environment variable, optionally prefixed. */
  public envFrom(prefix?: string): EnvFrom {
    return EnvFrom.fromSource('ConfigMap', this, prefix);
  }

  /** The ConfigMap as a volume (each key a file). */
  public asVolume(options: KeyToPathOptions = {}): Volume {
    checkProjectedKeys(this, 'ConfigMap', options, this.keys);
    return Volume.fromConfigMap(this, options);
  }

  private validate(): string[] {
    let size = 0;
    for (const [k, v] of this.data) size += k.length + Buffer.byteLength(v);
    for (const [k, v] of this.binaryData) size += k.length + Math.floor((v.length * 3) / 4);
    return size > MAX_DATA_BYTES
      ? [`${this.node.path}: the ConfigMap holds ${size} bytes, more than the 1 MiB the API server accepts. Fix: split it, or mount the data from a volume.`]
      : [];
  }

  protected renderBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    if (this.immutable) body.immutable = true;
    if (this.data.size) body.data = Object.fromEntries(this.data);
    if (this.binaryData.size) body.binaryData = Object.fromEntries(this.binaryData);
    return body;
  }
}
