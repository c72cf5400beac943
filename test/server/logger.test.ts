/** Log lines: JSON objects in json mode, and nothing token- or secret-shaped written in either mode. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRefreshToken } from '../../src/domain/tokens.ts';
import { createLogger, scrub } from '../../src/server/logger.ts';

const JWT =
  'eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwidG9rZW5fdXNlIjoiYWNjZXNzIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const REFRESH = makeRefreshToken('f0e7a8b2-1d6c-4e4f-a7b3-998db771dc12').token;

describe('logger', () => {
  it('masks tokens in any message, and named secrets in JSON logs', () => {
    assert.equal(scrub(`GetUser failed for ${JWT} today`), 'GetUser failed for [token] today');
    assert.equal(scrub(`refresh ${REFRESH}`), 'refresh [token]');
    assert.equal(scrub('{"Password":"Correct-Horse-9","Username":"alice"}'), '{"Password":[redacted],"Username":"alice"}');
    assert.equal(scrub('export AWS_SECRET_ACCESS_KEY=abc/def+ghi'), 'export AWS_SECRET_ACCESS_KEY=[redacted]');
    assert.equal(
      scrub('export AWS_SECRET_ACCESS_KEY=abc', false),
      'export AWS_SECRET_ACCESS_KEY=abc',
      'text logs keep the first-start hint',
    );
  });

  it('json mode writes one object per line with level and fields; text mode one plain line', () => {
    const lines: string[] = [];
    const json = createLogger('json', (l) => lines.push(l));
    json.info('request', { requestId: 'r-1', operation: 'GetUser', status: 200 });
    json.line(`error: boom with ${JWT}`);
    json.line('WARNING: emulator mode');
    const [a, b, c] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      { ...a, time: undefined },
      { time: undefined, level: 'info', msg: 'request', requestId: 'r-1', operation: 'GetUser', status: 200 },
    );
    assert.match(String(a?.time), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual([b?.level, b?.msg], ['error', 'error: boom with [token]']);
    assert.equal(c?.level, 'warn');

    const text: string[] = [];
    const t = createLogger('text', (l) => text.push(l));
    t.info('request', { requestId: 'r-2', status: 400, skipped: undefined });
    t.error(`failed on ${JWT}`, { requestId: 'r-3' });
    assert.deepEqual(text, ['request requestId=r-2 status=400', 'error: failed on [token] requestId=r-3']);
  });
});
