/** The check most refusal tests make: the call is rejected with this error name (and message, when given). */
import assert from 'node:assert/strict';

/** Asserts `p` rejects with error `name`; a string `message` must match exactly, a RegExp must match. */
export async function refused(p: Promise<unknown>, name: string, message?: RegExp | string): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}
