/**
 * The trigger request context: each operation's triggers see that operation's ClientMetadata however many
 * awaits deep and however operations overlap; the context is held only while a trigger-capable operation
 * is in flight (so the process's async hooks go off between them), and GetUser never enters it.
 */
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { currentTriggerContext, runWithTriggerContext, triggerContextsInFlight } from '../../src/domain/triggers/context.ts';
import type { RequestContext } from '../../src/server/context.ts';
import { withTriggerContext } from '../../src/services/cognito-idp/trigger-context.ts';

const seen = async (turns: number) => {
  for (let i = 0; i < turns; i++) await tick();
  return currentTriggerContext().clientMetadata?.who;
};

describe('trigger request context', () => {
  it('overlapping operations each keep their own context until they settle, then none is held', async () => {
    const a = runWithTriggerContext({ awsSdkVersion: 'x', clientMetadata: { who: 'a' } }, () => seen(1));
    const b = runWithTriggerContext({ awsSdkVersion: 'x', clientMetadata: { who: 'b' } }, () => seen(5));
    assert.equal(triggerContextsInFlight(), 2);
    assert.equal(await a, 'a');
    assert.equal(triggerContextsInFlight(), 1);
    assert.equal(await b, 'b', 'the first operation settling does not end the second one context');
    assert.equal(triggerContextsInFlight(), 0);
    assert.equal(currentTriggerContext().clientMetadata, undefined);
    assert.equal(currentTriggerContext().awsSdkVersion, 'aws-sdk-unknown-unknown');
  });

  it('a failing operation releases its context too, and the next one gets a fresh one', async () => {
    await assert.rejects(
      runWithTriggerContext({ awsSdkVersion: 'x', clientMetadata: { who: 'c' } }, async () => {
        await tick();
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(triggerContextsInFlight(), 0);
    assert.equal(await runWithTriggerContext({ awsSdkVersion: 'x', clientMetadata: { who: 'd' } }, () => seen(2)), 'd');
    assert.equal(triggerContextsInFlight(), 0);
  });

  it('wraps trigger-capable operations with their ClientMetadata and leaves GetUser unwrapped', async () => {
    const getUser = async (_input: unknown, _ctx: RequestContext) => ({ inFlight: triggerContextsInFlight() });
    const signUp = async () => ({ who: await seen(3), inFlight: triggerContextsInFlight() });
    const ops = withTriggerContext({ GetUser: getUser, SignUp: signUp });
    assert.equal(ops.GetUser, getUser);
    const ctx = { headers: { 'user-agent': 'aws-sdk-js/3.1.0' } } as unknown as RequestContext;
    assert.deepEqual(await ops.SignUp?.({ ClientMetadata: { who: 'e' } }, ctx), { who: 'e', inFlight: 1 });
    assert.deepEqual(await ops.GetUser?.({}, ctx), { inFlight: 0 });
    assert.equal(triggerContextsInFlight(), 0);
  });
});
