/**
 * Per-object Pulumi options, set on a construct and read only by the Pulumi bridge. Plain data: the synth path
 * never loads Pulumi, and none of these options changes what `synth` writes.
 */
import { IConstruct } from 'constructs';
import { fail } from '../util/check';

export interface PulumiCustomTimeouts {
  /** e.g. "5m", "90s". @default - the provider's (10 minutes for awaited kinds) */
  readonly create?: string;
  /** @default - the provider's */
  readonly update?: string;
  /** @default - the provider's */
  readonly delete?: string;
}

export interface PulumiObjectOptions {
  /**
   * Do not wait for the object to become ready (sets the `pulumi.com/skipAwait` annotation, in the Pulumi path only).
   * @default - true for LoadBalancer Services (no address on clusters without a load-balancer controller) and for
   * PersistentVolumeClaims that are not known to bind at once (no volumeName and no Immediate StorageClass in the
   * app: a WaitForFirstConsumer claim only binds once its pod exists, which itself waits for the claim); false otherwise
   */
  readonly skipAwait?: boolean;
  /** @default - the provider's timeouts */
  readonly customTimeouts?: PulumiCustomTimeouts;
  /** Refuse to delete the object (`pulumi destroy` fails until removed). @default false */
  readonly protect?: boolean;
  /** Input property paths whose changes Pulumi ignores, e.g. ["spec.replicas"]. @default - none */
  readonly ignoreChanges?: readonly string[];
  /**
   * Take over fields owned by another field manager on server-side apply (sets `pulumi.com/patchForce`).
   * @default false
   */
  readonly patchForce?: boolean;
  /** Delete before creating the replacement when a replace is needed. @default false */
  readonly deleteBeforeReplace?: boolean;
  /** Leave the object in the cluster when it is removed from the program or the stack is destroyed. @default false */
  readonly retainOnDelete?: boolean;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const STORE = new WeakMap<IConstruct, PulumiObjectOptions>();

export class PulumiOptions {
  /** The options of one construct (an object, or a scope whose objects all inherit them). */
  public static of(construct: IConstruct): PulumiOptions {
    return new PulumiOptions(construct);
  }

  /**
   * The options in force for a construct: its own merged over those of its scopes (nearest wins).
   * Used by the bridge; returns {} when nothing was set.
   */
  public static resolve(construct: IConstruct): PulumiObjectOptions {
    let out: PulumiObjectOptions = {};
    for (const s of construct.node.scopes) {
      const o = STORE.get(s);
      if (o) out = { ...out, ...o };
    }
    return out;
  }

  private constructor(private readonly construct: IConstruct) {}

  /** Merges options over those already set on this construct. Returns this, for chaining. */
  public set(options: PulumiObjectOptions): this {
    const where = this.construct.node.path || '<app>';
    for (const [k, v] of Object.entries(options.customTimeouts ?? {})) {
      if (v !== undefined && (typeof v !== 'string' || !DURATION.test(v))) {
        fail(where, `customTimeouts.${k} is not a duration`, v, 'a Go duration such as "90s", "5m" or "1h30m"', `write e.g. customTimeouts: { ${k}: "5m" }`, 'pulumi-options');
      }
    }
    if (options.ignoreChanges !== undefined && (!Array.isArray(options.ignoreChanges) || options.ignoreChanges.some((p) => typeof p !== 'string' || p === ''))) {
      fail(where, 'ignoreChanges must be a list of property paths', options.ignoreChanges, 'non-empty strings such as "spec.replicas"', 'pass e.g. ["spec.replicas"]', 'pulumi-options');
    }
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PulumiObjectOptions;
    STORE.set(this.construct, { ...STORE.get(this.construct), ...defined });
    return this;
  }

  /** The options set on this construct itself (not inherited). */
  public get own(): PulumiObjectOptions {
    return STORE.get(this.construct) ?? {};
  }
}
