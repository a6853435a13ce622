/**
 * Chart: one output file (`<chart>.k8s.yaml`) and one application for the standard labels. It may carry its
 * own defaults policy, merged over the App's.
 */
import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { checkLabels, checkObjectName } from '../util/check';
import { generateName } from '../util/names';
import { DefaultsPolicy, IPolicyHolder, LIBRARY_DEFAULTS, mergePolicies, policyOf, ResolvedPolicy } from './policy';
import { nameComponents } from './object';

export interface ChartProps {
  /**
   * Namespace for every namespaced object of the chart that names none.
   * @default - the active Environment's namespace, else none (objects go to kubectl's current namespace)
   */
  readonly namespace?: string;
  /** Labels added to every object of the chart. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Defaults for this chart, merged over the App's policy. @default - the App's policy */
  readonly defaults?: DefaultsPolicy;
  /** Value of `app.kubernetes.io/part-of`. @default - the chart's id */
  readonly partOf?: string;
}

export class Chart extends cdk8s.Chart implements IPolicyHolder {
  public readonly isKubeforgeChart = true as const;
  public readonly partOf?: string;
  private readonly ownDefaults?: DefaultsPolicy;
  private cachedPolicy?: ResolvedPolicy;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    // The active environment's namespace is the default for charts that name none (read structurally: no import cycle).
    const envNamespace = (scope.node.root as { defaultNamespace?: string }).defaultNamespace;
    super(scope, id, { namespace: props.namespace ?? envNamespace, labels: props.labels ? { ...props.labels } : undefined });
    if (props.namespace !== undefined) checkObjectName(this, 'Namespace', props.namespace);
    checkLabels(this, 'labels', props.labels);
    this.partOf = props.partOf;
    this.ownDefaults = props.defaults;
  }

  public get resolvedPolicy(): ResolvedPolicy {
    if (!this.cachedPolicy) {
      const parent = this.node.scope ? policyOf(this.node.scope) : LIBRARY_DEFAULTS;
      this.cachedPolicy = mergePolicies(parent, this.ownDefaults);
    }
    return this.cachedPolicy;
  }

  /** Names for plain cdk8s ApiObjects created in this chart follow the same rules as kubeforge's own. */
  public generateObjectName(apiObject: cdk8s.ApiObject): string {
    const scope = apiObject.node.scope!;
    return generateName(nameComponents(scope, apiObject.node.id), apiObject.kind, { hash: this.resolvedPolicy.names !== 'readable' });
  }
}
