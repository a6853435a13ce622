/** Probes: HTTP, TCP, exec and gRPC checks with timing in whole seconds (checked at construction). */
import { checkIntRange, checkPort, checkSeconds, fail } from '../lib/util/check';
import { checkPortName } from '../lib/util/names';

export interface ProbeTiming {
  /** @default - Kubernetes' default (0) */
  readonly initialDelaySeconds?: number;
  /** @default - Kubernetes' default (10) */
  readonly periodSeconds?: number;
  /** @default - Kubernetes' default (1) */
  readonly timeoutSeconds?: number;
  /** @default - Kubernetes' default (1; must be 1 for liveness and startup probes) */
  readonly successThreshold?: number;
  /** @default - Kubernetes' default (3) */
  readonly failureThreshold?: number;
  /** @default - the pod's terminationGracePeriodSeconds */
  readonly terminationGracePeriodSeconds?: number;
}

/** A container port by number, or by the name of one of the container's ports. */
export type PortRef = number | string;

export interface HttpGetProbeOptions extends ProbeTiming {
  /** @default - the container's first port */
  readonly port?: PortRef;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** @default - none */
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
  /** @default - the pod IP */
  readonly host?: string;
}

export interface TcpProbeOptions extends ProbeTiming {
  /** @default - the container's first port */
  readonly port?: PortRef;
}


export class Probe {
  public static httpGet(path: string, options: HttpGetProbeOptions = {}): Probe {
    const { port, scheme, httpHeaders, host, ...timing } = options;
    return new Probe('httpGet', { path, scheme, httpHeaders, host }, port, timing);
  }

  public static tcpSocket(options: TcpProbeOptions = {}): Probe {
    const { port, ...timing } = options;
    return new Probe('tcpSocket', {}, port, timing);
  }

  public static exec(command: readonly string[], options: ProbeTiming = {}): Probe {
    return new Probe('exec', { command: [...command] }, undefined, options);
  }

  public static grpc(port: number, options: ProbeTiming & { readonly service?: string } = {}): Probe {
    const { service, ...timing } = options;
    return new Probe('grpc', { service }, port, timing);
  }

  private constructor(
    private readonly handler: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc',
    private readonly fields: Record<string, unknown>,
    /** The port as given; undefined means "the container's first port". */
    public readonly port: PortRef | undefined,
    private readonly timing: ProbeTiming,
  ) {}

  /** True for handlers that connect to a port (all but exec). */
  public get needsPort(): boolean {
    return this.handler !== 'exec';
  }

  /** @internal checked when attached to a container, so errors name the construct path. */
  public _check(where: string): void {
    const t = this.timing;
    checkSeconds(where, 'initialDelaySeconds', t.initialDelaySeconds, 0);
    checkSeconds(where, 'periodSeconds', t.periodSeconds, 1);
    checkSeconds(where, 'timeoutSeconds', t.timeoutSeconds, 1);
    checkIntRange(where, 'successThreshold', t.successThreshold, 1);
    checkIntRange(where, 'failureThreshold', t.failureThreshold, 1);
    checkSeconds(where, 'terminationGracePeriodSeconds', t.terminationGracePeriodSeconds, 1);
    if (typeof this.port === 'number') checkPort(where, 'probe port', this.port);
    else if (this.port !== undefined) {
      const bad = checkPortName(this.port);
      if (bad) fail(where, 'probe port is neither a port number nor a valid port name', this.port, bad, 'use a port number or the name of one of the container ports', 'port-range');
    }
  }

  /** @internal renders the probe for a container whose first port is `defaultPort`. */
  public _toJson(defaultPort: number | undefined): Record<string, unknown> | undefined {
    let h: Record<string, unknown> = { ...this.fields };
    if (this.handler !== 'exec') {
      const port = this.port ?? defaultPort;
      if (port === undefined) return undefined;
      h = this.handler === 'grpc' ? { port, ...h } : { ...h, port };
    }
    for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
    const out: Record<string, unknown> = { [this.handler]: h };
    for (const [k, v] of Object.entries(this.timing)) if (v !== undefined) out[k] = v;
    return out;
  }
}
