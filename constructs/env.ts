/** Environment variables: literal values, keys of a ConfigMap or Secret, and whole ConfigMaps/Secrets via envFrom. */
import { IConstruct } from 'constructs';

/** A ConfigMap or Secret key reference, kept so synth can check the key exists. */
export interface KeyReference {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly source: IConstruct & { readonly name: string; hasKey?(key: string): boolean };
  readonly key: string;
  readonly optional?: boolean;
}

export class EnvValue {
  /** A literal value. */
  public static fromValue(value: string): EnvValue {
    return new EnvValue({ value });
  }

  /** A field of the pod, e.g. `metadata.name`, `status.podIP`, `spec.nodeName`. */
  public static fromFieldRef(fieldPath: string): EnvValue {
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath } } });
  }

  /** A resource of a container, e.g. `limits.memory` (use with the container's name). */
  public static fromResource(resource: string, containerName?: string, divisor?: string): EnvValue {
    return new EnvValue({ valueFrom: { resourceFieldRef: { resource, containerName, divisor } } });
  }

  /** @internal use `configMap.env(key)` / `secret.env(key)` */
  public static fromKey(ref: KeyReference): EnvValue {
    const selector = { name: ref.source.name, key: ref.key, ...(ref.optional ? { optional: true } : {}) };
    const valueFrom = ref.kind === 'ConfigMap' ? { configMapKeyRef: selector } : { secretKeyRef: selector };
    return new EnvValue({ valueFrom }, ref);
  }

  private constructor(
    private readonly json: { value?: string; valueFrom?: Record<string, unknown> },
    public readonly keyReference?: KeyReference,
  ) {}

  /** @internal */
  public _toJson(name: string): Record<string, unknown> {
    return { name, ...this.json };
  }
}

export class EnvFrom {
  /** @internal use `configMap.envFrom()` / `secret.envFrom()` */
  public static fromSource(kind: 'ConfigMap' | 'Secret', source: IConstruct & { readonly name: string }, prefix?: string, optional?: boolean): EnvFrom {
    return new EnvFrom(kind, source, prefix, optional);
  }

  private constructor(
    public readonly kind: 'ConfigMap' | 'Secret',
    public readonly source: IConstruct & { readonly name: string },
    public readonly prefix?: string,
    public readonly optional?: boolean,
  ) {}

  /** @internal */
  public _toJson(): Record<string, unknown> {
    const ref = { name: this.source.name, ...(this.optional ? { optional: true } : {}) };
    return {
      ...(this.prefix ? { prefix: this.prefix } : {}),
      ...(this.kind === 'ConfigMap' ? { configMapRef: ref } : { secretRef: ref }),
    };
  }
}
