/** References to objects that already exist in the cluster (`Foo.fromName`): they emit nothing. */
import { Construct } from 'constructs';
import { EnvFrom, EnvValue } from './env';
import { KeyToPathOptions, Volume } from './volume';

export class NamedReference extends Construct {
  constructor(scope: Construct, id: string, public readonly name: string) {
    super(scope, id);
  }
}

/** An existing ConfigMap or Secret: its keys can be used as env and it can be mounted, but not checked. */
export class KeySourceReference extends NamedReference {
  constructor(scope: Construct, id: string, name: string, private readonly kind: 'ConfigMap' | 'Secret') {
    super(scope, id, name);
  }
  public env(key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    return EnvValue.fromKey({ kind: this.kind, source: this, key, optional: options.optional });
  }
  public envFrom(prefix?: string): EnvFrom {
    return EnvFrom.fromSource(this.kind, this, prefix);
  }
  public asVolume(options: KeyToPathOptions = {}): Volume {
    return this.kind === 'ConfigMap' ? Volume.fromConfigMap(this, options) : Volume.fromSecret(this, options);
  }
}
