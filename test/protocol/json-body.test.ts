/** JSON body decoding: the nesting limit holds exactly, and bodies with many (shallow or quoted) brackets pass. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonBodyError, MAX_JSON_DEPTH, decodeJsonObject } from '../../src/protocol/json-body.ts';

const nested = (depth: number) => `${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;
const decode = (text: string) => decodeJsonObject(Buffer.from(text, 'utf8'));

describe('decodeJsonObject', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    assert.deepEqual(Object.keys(decode(`{"a":${nested(MAX_JSON_DEPTH)}}`)), ['a']);
    assert.throws(
      () => decode(`{"a":${nested(MAX_JSON_DEPTH + 1)}}`),
      (e: unknown) => e instanceof JsonBodyError && e.reason === 'depth',
    );
  });

  it('many brackets that do not nest deep (siblings, or inside strings) are not a depth error', () => {
    const siblings = `{"a":[${Array(3000).fill('{}').join(',')}]}`;
    assert.equal((decode(siblings).a as unknown[]).length, 3000);
    assert.equal((decode(`{"a":"${'{['.repeat(3000)}"}`).a as string).length, 6000);
    assert.throws(
      () => decode(`{"a":"${'{'.repeat(1500)}", "b":${nested(MAX_JSON_DEPTH + 1)}}`),
      (e: unknown) => e instanceof JsonBodyError && e.reason === 'depth',
    );
  });

  it('a plain GetUser body decodes', () => {
    assert.deepEqual(decode('{"AccessToken":"eyJ.x.y"}'), { AccessToken: 'eyJ.x.y' });
    assert.deepEqual(decodeJsonObject(Buffer.alloc(0)), {});
  });
});
