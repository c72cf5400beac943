// The per-operation model slices the bundle ships (scripts/model-slices.mjs) must hold everything a call
// reads: the operation, every shape its input and output reach, every exception shape (error details
// are looked up by the code the server answers with) and its paginator — each identical to the full
// model's. (The CLI suites, v1 and v2 differential included, run the bundle, which calls through them.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from '../helpers/tools.ts';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { sliceModel } from '../../scripts/model-slices.mjs';
import { SERVICE_NAMES, type ServiceModel, type Shape } from '../../src/protocol/model.ts';

function refs(shape: Shape): string[] {
  const s = shape as Shape & Record<string, { shape?: string } | undefined>;
  const out = Object.values(shape.members ?? {}).map((r) => r.shape);
  for (const k of ['member', 'key', 'value']) if (s[k]?.shape) out.push(s[k]?.shape as string);
  return out;
}

test('every operation slice is closed over its shapes and matches the full model', () => {
  for (const service of SERVICE_NAMES) {
    const model = JSON.parse(readFileSync(new URL(`../../src/models/${service}.json`, import.meta.url), 'utf8')) as ServiceModel;
    for (const name of Object.keys(model.operations)) {
      const slice = sliceModel(model, name) as ServiceModel;
      assert.deepEqual(Object.keys(slice.operations), [name]);
      assert.deepEqual(slice.operations[name], model.operations[name]);
      assert.deepEqual(slice.metadata, model.metadata);
      assert.deepEqual(slice.paginators[name], model.paginators[name]);
      const op = model.operations[name] as { input?: string; output?: string; errors?: string[] };
      for (const root of [op.input, op.output, ...(op.errors ?? [])].filter(Boolean) as string[]) {
        assert.ok(slice.shapes[root], `${service} ${name}: ${root} missing`);
      }
      for (const [n, s] of Object.entries(model.shapes)) {
        if ((s as Shape & { exception?: boolean }).exception) assert.ok(slice.shapes[n], `${service} ${name}: exception ${n} missing`);
      }
      for (const [n, s] of Object.entries(slice.shapes)) {
        assert.deepEqual(s, model.shapes[n], `${service} ${name}: ${n} differs`);
        for (const r of refs(s as Shape)) assert.ok(slice.shapes[r] || !model.shapes[r], `${service} ${name}: ${n} → ${r} missing`);
      }
    }
  }
});
