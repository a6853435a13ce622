/**
 * Container lifecycle hooks: `lifecycle: { preStop: Lifecycle.sleep(5) }`. A handler runs a command, calls an
 * HTTP endpoint, or sleeps (the sleep action needs no binary in the image: the kubelet waits itself).
 */
import { checkIntRange, checkPort, fail } from '../lib/util/check';
import { checkPortName } from '../lib/util/names';
import { PortRef } from './probe';

export interface LifecycleHttpGetOptions {
  /** @default - the container's first port */
  readonly port?: PortRef;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** @default - the pod IP */
  readonly host?: string;
  /** @default - none */
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
}

export class Lifecycle {
  /** Runs `command` in the container (not in a shell: pass ['sh', '-c', '...'] for one). */
  public static exec(command: readonly string[]): Lifecycle {
    return new Lifecycle('exec', { command: Array.isArray(command) ? [...command] : command });
  }

  /** Sends GET `path` to the container. */
  public static httpGet(path: string, options: LifecycleHttpGetOptions = {}): Lifecycle {
    const { port, ...rest } = options;
    return new Lifecycle('httpGet', { path, ...rest }, port);
  }

  /**
   * Waits `seconds` (0 or more, at most the pod's terminationGracePeriodSeconds). As a preStop hook it lets
   * load balancers stop sending traffic before the process gets SIGTERM.
   */
  public static sleep(seconds: number): Lifecycle {
    return new Lifecycle('sleep', { seconds });
  }

  private constructor(
    public readonly handler: 'exec' | 'httpGet' | 'sleep',
    private readonly fields: Record<string, unknown>,
    /** The port as given; undefined means "the container's first port" (httpGet only). */
    public readonly port?: PortRef,
  ) {}

  /** True for handlers that connect to a port. */
  public get needsPort(): boolean {
    return this.handler === 'httpGet';
  }

  /** The sleep, in seconds, if this is a sleep action. */
  public get sleepSeconds(): number | undefined {
    return this.handler === 'sleep' ? (this.fields.seconds as number) : undefined;
  }

  /** @internal checked when attached to a container, so errors name the construct path. */
  public _check(where: string, field: string): void {
    const f = this.fields;
    if (this.handler === 'exec') {
      const cmd = f.command as unknown;
      if (!Array.isArray(cmd) || cmd.length === 0 || cmd.some((c) => typeof c !== 'string')) {
        fail(where, `${field}.exec needs a command`, cmd, 'a non-empty array of strings', "pass e.g. ['sh', '-c', 'nginx -s quit']");
      }
    } else if (this.handler === 'sleep') {
      checkIntRange(where, `${field}.sleep.seconds`, f.seconds as number, 0, Number.MAX_SAFE_INTEGER, 'give whole seconds, e.g. Lifecycle.sleep(5)');
    } else {
      if (typeof f.path !== 'string' || !f.path.startsWith('/')) fail(where, `${field}.httpGet path must be an absolute URL path`, f.path, 'a path starting with "/"', 'use e.g. "/shutdown"');
      for (const h of (f.httpHeaders as { name: unknown }[] | undefined) ?? []) {
        if (typeof h?.name !== 'string' || !/^[-A-Za-z0-9]+$/.test(h.name)) fail(where, `${field}.httpGet header name is not valid`, h?.name, 'letters, digits and "-"', 'use a header name such as "X-Drain"');
      }
      if (f.scheme !== undefined && f.scheme !== 'HTTP' && f.scheme !== 'HTTPS') fail(where, `${field}.httpGet scheme is not supported`, f.scheme, 'HTTP, HTTPS', 'use HTTP or HTTPS (upper case)', 'enum');
      if (typeof this.port === 'number') checkPort(where, `${field}.httpGet port`, this.port);
      else if (this.port !== undefined) {
        const bad = checkPortName(this.port);
        if (bad) fail(where, `${field}.httpGet port is neither a port number nor a valid port name`, this.port, bad, 'use a port number or the name of one of the container ports', 'port-range');
      }
    }
  }

  /** @internal renders the handler for a container whose first port is `defaultPort`. */
  public _toJson(defaultPort: number | undefined): Record<string, unknown> {
    const h: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.fields)) if (v !== undefined) h[k] = Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? { ...x } : x)) : v;
    if (this.handler === 'httpGet') h.port = this.port ?? defaultPort;
    return { [this.handler]: h };
  }
}

/** The hooks of a container. */
export interface ContainerLifecycle {
  /** Runs right after the container starts (the container is not Running until it returns). @default - none */
  readonly postStart?: Lifecycle;
  /** Runs before the container is stopped; counts against terminationGracePeriodSeconds. @default - none */
  readonly preStop?: Lifecycle;
}
