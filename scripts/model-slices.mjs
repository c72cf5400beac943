// Per-operation slices of the service models, written beside the full models in dist/models: one CLI
// call parses only its operation and the shapes it reaches (a few KB) instead of the whole cognito-idp
// model (~150 KB of JSON, ~3 ms of CPU per call). `<service>.operations.json` lists the operation names,
// so the CLI can map `global-sign-out` to `GlobalSignOut` without the full model.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names of the shapes a shape refers to (structure members, list member, map key and value). */
function refs(shape) {
  const out = Object.values(shape.members ?? {}).map((r) => r.shape);
  for (const k of ['member', 'key', 'value']) if (shape[k]?.shape) out.push(shape[k].shape);
  return out;
}

/**
 * The model cut down to one operation: its input and output shapes, every exception shape (the CLI
 * looks up whatever error code the server answers with, listed for the operation or not) and
 * everything they reach.
 */
export function sliceModel(model, opName) {
  const op = model.operations[opName];
  const exceptions = Object.keys(model.shapes).filter((n) => model.shapes[n].exception);
  const todo = [op.input, op.output, ...(op.errors ?? []), ...exceptions].filter(Boolean);
  const shapes = {};
  while (todo.length > 0) {
    const name = todo.pop();
    if (shapes[name] || !model.shapes[name]) continue;
    shapes[name] = model.shapes[name];
    todo.push(...refs(model.shapes[name]));
  }
  const paginators = model.paginators?.[opName] ? { [opName]: model.paginators[opName] } : {};
  return { metadata: model.metadata, operations: { [opName]: op }, shapes, paginators };
}

/** Writes `<dir>/<service>.operations.json` and `<dir>/<service>/<Operation>.json` for every model. */
export function writeModelSlices(dir) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.operations.json'))) {
    const service = file.slice(0, -'.json'.length);
    const model = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const names = Object.keys(model.operations);
    writeFileSync(join(dir, `${service}.operations.json`), JSON.stringify(names));
    mkdirSync(join(dir, service), { recursive: true });
    for (const name of names) writeFileSync(join(dir, service, `${name}.json`), JSON.stringify(sliceModel(model, name)));
  }
}
