/**
 * The output pager against AWS CLI v2 (/usr/bin/aws): each CLI runs on a pseudo-terminal (util-linux
 * `script`), with a pager command that records what it receives (and the LESS it was given) in a file;
 * both files must be byte for byte equal. Off a terminal, with `--no-cli-pager`, or with an empty
 * AWS_PAGER / cli_pager, no pager starts; a pager that cannot start is exit 253 in both.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../helpers/server.ts';
import { AWS_V2, describe, test } from '../helpers/tools.ts';
import { bareEnv } from './cognate-helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cognate.js');
// A command whose output skeleton is the same in Debian's v2 model and cognate's.
const ARGS = 'cognito-identity get-id --identity-pool-id us-east-1:11111111-1111-1111-1111-111111111111 --generate-cli-skeleton output';

/** A pager that writes LESS and its input to `file`. */
const recorder = (file: string) => `sh -c 'echo "LESS=$LESS" > ${file}; cat >> ${file}'`;

function env(extra: Record<string, string> = {}, config = ''): NodeJS.ProcessEnv {
  const e = bareEnv({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'x', ...extra });
  if (config) writeFileSync(e.AWS_CONFIG_FILE as string, config);
  return e;
}

/** Runs `cli ARGS extra` on a pseudo-terminal; `tty: false` runs it on pipes. */
function onTerminal(cli: 'v2' | 'cognate', e: NodeJS.ProcessEnv, extra = '', tty = true) {
  const cmd = `${cli === 'v2' ? AWS_V2 : `${process.execPath} ${BIN}`} ${ARGS} ${extra}`;
  return tty ? run('script', ['-qec', cmd, '/dev/null'], e) : run('sh', ['-c', cmd], e);
}

/** Runs both CLIs with a recorder pager set up by `setup(file)`; returns what each pager received (or undefined). */
async function paged(setup: (file: string) => { env: NodeJS.ProcessEnv; extra?: string; tty?: boolean }) {
  const out: Array<string | undefined> = [];
  for (const cli of ['v2', 'cognate'] as const) {
    const file = join(bareEnv().HOME as string, 'paged');
    const s = setup(file);
    const r = await onTerminal(cli, s.env, s.extra, s.tty);
    assert.equal(r.status, 0, `${cli}: ${r.stderr}`);
    out.push(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  }
  return out;
}

describe('the output pager agrees with AWS CLI v2', { needs: ['aws-v2'] }, () => {
  test('AWS_PAGER receives the output on a terminal, with LESS=FRX', async () => {
    const [v2, c] = await paged((f) => ({ env: env({ AWS_PAGER: recorder(f) }) }));
    assert.match(v2 ?? '', /^LESS=FRX\n\{\n {4}"IdentityId": "IdentityId"\n\}\n$/);
    assert.equal(c, v2);
  });

  test('a LESS already set is kept; cli_pager of the profile; PAGER; AWS_PAGER wins over cli_pager', async () => {
    let [v2, c] = await paged((f) => ({ env: env({ AWS_PAGER: recorder(f), LESS: '-S' }) }));
    assert.match(v2 ?? '', /^LESS=-S\n/);
    assert.equal(c, v2);
    [v2, c] = await paged((f) => ({ env: env({ AWS_PROFILE: 'p' }, `[profile p]\ncli_pager = ${recorder(f)}\n`) }));
    assert.match(v2 ?? '', /IdentityId/);
    assert.equal(c, v2);
    [v2, c] = await paged((f) => ({ env: env({ PAGER: recorder(f) }) }));
    assert.match(v2 ?? '', /IdentityId/);
    assert.equal(c, v2);
    [v2, c] = await paged((f) => ({ env: env({ AWS_PAGER: recorder(f) }, `[default]\ncli_pager = ${recorder(`${f}.not`)}\n`) }));
    assert.match(v2 ?? '', /IdentityId/);
    assert.equal(c, v2);
  });

  test('no pager: --no-cli-pager, empty AWS_PAGER, empty cli_pager, stdout not a terminal', async () => {
    const cases: Array<(f: string) => { env: NodeJS.ProcessEnv; extra?: string; tty?: boolean }> = [
      (f) => ({ env: env({ AWS_PAGER: recorder(f) }), extra: '--no-cli-pager' }),
      (f) => ({ env: env({ AWS_PAGER: '', PAGER: recorder(f) }) }),
      (f) => ({ env: env({ PAGER: recorder(f) }, '[default]\ncli_pager =\n') }),
      (f) => ({ env: env({ AWS_PAGER: recorder(f) }), tty: false }),
    ];
    for (const setup of cases) assert.deepEqual(await paged(setup), [undefined, undefined]);
    const [a, c] = await Promise.all([
      onTerminal('v2', env({ AWS_PAGER: 'true' }), '', false),
      onTerminal('cognate', env({ AWS_PAGER: 'true' }), '', false),
    ]);
    assert.equal(c.stdout, a.stdout);
    assert.match(c.stdout, /IdentityId/);
  });

  test('a pager that cannot start: exit 253 and v2 message', async () => {
    const [a, c] = await Promise.all([
      onTerminal('v2', env({ AWS_PAGER: 'no-such-pager-cmd' })),
      onTerminal('cognate', env({ AWS_PAGER: 'no-such-pager-cmd' })),
    ]);
    assert.equal(a.status, 253);
    assert.equal(c.status, 253);
    const norm = (s: string) =>
      s
        .replace(/\r\n/g, '\n')
        .replace('cognate: [ERROR]: ', '')
        .replace(/cognate help/g, 'aws help');
    assert.equal(norm(c.stdout), norm(a.stdout));
    assert.match(c.stdout, /\[Errno 2\] No such file or directory: 'no-such-pager-cmd'/);
  });
});
