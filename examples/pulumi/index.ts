/**
 * A Pulumi program: the kubeforge app of ./app.ts, deployed with `pulumi up` as typed @pulumi/kubernetes resources.
 * The stack name selects the environment (stack `dev` → Environment `dev`). Compiled by the repository's tsc into
 * build/examples/pulumi/index.js, which Pulumi.yaml names as `main` (no ts-node needed).
 *
 * Outside this repository, import from 'kubeforge/pulumi' instead of '../../lib/pulumi'.
 */
import * as pulumi from '@pulumi/pulumi';
import { deploy } from '../../lib/pulumi';
import { PulumiExampleApp } from './app';

const config = new pulumi.Config();
const app = new PulumiExampleApp({
  environment: pulumi.getStack(),
  devServer: config.get('server'),
  nfsServer: config.get('nfsServer'),
});
const d = deploy(app);

const web = d.outputs(app.web.service);
export const webService = web.name;
export const webClusterIP = web.clusterIP;
export const webDeployment = d.outputs(app.web.deployment).name;
export const webReadyReplicas = d.outputs(app.web.deployment).readyReplicas;
export const mysqlService = d.outputs(app.databases.mysql.service).name;
export const mysqlClaimPhase = d.outputs(app.databases.mysql.claim).phase;
export const redisService = d.outputs(app.databases.redis.service).name;
export const objects = d.resources.size;
