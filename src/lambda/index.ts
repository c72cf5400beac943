/** Wires the trigger port to its adapters from the server configuration (called once at start-up). */
import type { App } from '../domain/app.ts';
import { setLambdaInvoker } from '../domain/triggers/invoke.ts';
import { HttpLambdaInvoker } from './http-invoker.ts';
import { ModuleLambdaInvoker, readModuleMap } from './module-invoker.ts';

export function installLambdaInvoker(app: App, env: NodeJS.ProcessEnv = process.env): void {
  const cfg = app.config;
  const http = new HttpLambdaInvoker({ region: cfg.region, env, ...(cfg.lambdaEndpoint ? { endpoint: cfg.lambdaEndpoint } : {}) });
  if (!cfg.lambdaModules) {
    setLambdaInvoker(app, http);
    return;
  }
  const modules = readModuleMap(cfg.lambdaModules);
  app.log(`Lambda triggers: ${modules.size} function(s) run as local modules (${cfg.lambdaModules})`);
  // Functions the file does not name reach the Invoke API only when an endpoint was given explicitly.
  setLambdaInvoker(app, new ModuleLambdaInvoker(modules, cfg.lambdaEndpoint ? http : undefined));
}
