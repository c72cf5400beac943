/**
 * `--cli-binary-format` and `cli_binary_format` against AWS CLI v2 (/usr/bin/aws): the blob parameter of
 * `cognito-idp set-ui-customization --image-file` sent by both CLIs to a recording server, request bodies
 * equal — base64 (the default) decodes the text, raw-in-base64-out sends the text's bytes, `fileb://` is
 * bytes in both; text that is not base64 and an unknown format fail alike.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../helpers/server.ts';
import { after, AWS_V2, before, describe, test } from '../helpers/tools.ts';
import { bareEnv, type CountingServer, cognate, startCountingServer } from './cognate-helpers.ts';

describe('--cli-binary-format agrees with AWS CLI v2', { needs: ['aws-v2'] }, () => {
  let server: CountingServer;
  before(async () => {
    server = await startCountingServer();
  });
  after(() => server.close());

  const env = (config = '') => {
    const e = bareEnv({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'x', AWS_MAX_ATTEMPTS: '1' });
    if (config) writeFileSync(e.AWS_CONFIG_FILE as string, config);
    return e;
  };

  /** Runs both; returns the body each sent (undefined when none) after checking exit codes and stdout. */
  async function both(extra: string[], e = env()) {
    const args = ['--endpoint-url', server.url, 'cognito-idp', 'set-ui-customization', '--user-pool-id', 'us-east-1_abc', ...extra];
    const bodies: Array<unknown> = [];
    const results = [];
    for (const runIt of [() => run(AWS_V2, args, e), () => cognate(args, e)]) {
      const before = server.requests.length;
      results.push(await runIt());
      const req = server.requests[before];
      bodies.push(req ? JSON.parse(req.body) : undefined);
    }
    const [a, c] = results as [Awaited<ReturnType<typeof cognate>>, Awaited<ReturnType<typeof cognate>>];
    assert.equal(c.status, a.status, `${c.stderr}\n${a.stderr}`);
    assert.equal(c.stdout, a.stdout);
    assert.deepEqual(bodies[1], bodies[0]);
    return { body: bodies[0] as Record<string, unknown> | undefined, v2: a, c };
  }

  test('base64 by default, by flag and by profile setting; raw-in-base64-out by flag and setting', async () => {
    assert.equal((await both(['--image-file', 'aGVsbG8='])).body?.ImageFile, 'aGVsbG8=');
    assert.equal((await both(['--image-file', 'aGVs bG8=', '--cli-binary-format', 'base64'])).body?.ImageFile, 'aGVsbG8=');
    assert.equal((await both(['--image-file', 'hello', '--cli-binary-format', 'raw-in-base64-out'])).body?.ImageFile, 'aGVsbG8=');
    assert.equal(
      (await both(['--image-file', 'hello'], env('[default]\ncli_binary_format = raw-in-base64-out\n'))).body?.ImageFile,
      'aGVsbG8=',
    );
    const file = join(bareEnv().HOME as string, 'img');
    writeFileSync(file, Buffer.from([0, 1, 2, 255]));
    assert.equal((await both(['--image-file', `fileb://${file}`])).body?.ImageFile, 'AAEC/w==');
  });

  test('text that is not base64: exit 255 with v2 message, nothing sent', async () => {
    const r = await both(['--image-file', 'hello']);
    assert.equal(r.body, undefined);
    assert.equal(r.c.status, 255);
    assert.equal(r.c.stderr.replace('\ncognate: [ERROR]: ', '\n'), r.v2.stderr);
  });

  test('an unknown format is an invalid choice (252)', async () => {
    const r = await both(['--image-file', 'aGk=', '--cli-binary-format', 'hex']);
    assert.equal(r.c.status, 252);
  });
});
