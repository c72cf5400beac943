/**
 * The CLI's fast path to one operation's model: the bundle ships per-operation slices
 * (scripts/model-slices.mjs), so a call parses a few KB of JSON instead of the whole service model.
 * Run from source (no slices), or for anything that needs every operation, callers use loadModel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServiceModel, ServiceName } from '../protocol/model.ts';
import { xformName } from './names.ts';

/** dist/models next to the bundle's chunks, or undefined when run from source. */
function slicesDir(): string | undefined {
  const p = fileURLToPath(new URL('./models/', import.meta.url));
  return existsSync(p) ? p : undefined;
}

/**
 * The slice for `cliName` (e.g. `global-sign-out`) of `service`, or undefined when there is none (an
 * unknown name, or no slices built): the caller then falls back to the full model, which also gives
 * the "invalid choice" error its list of names.
 */
export function loadOperationSlice(service: ServiceName, cliName: string): ServiceModel | undefined {
  const dir = slicesDir();
  if (!dir || !existsSync(`${dir}${service}.operations.json`)) return undefined;
  const names = JSON.parse(readFileSync(`${dir}${service}.operations.json`, 'utf8')) as string[];
  const name = names.find((n) => xformName(n, '-') === cliName);
  if (!name) return undefined;
  return JSON.parse(readFileSync(`${dir}${service}/${name}.json`, 'utf8')) as ServiceModel;
}
