/**
 * `--generate-cli-skeleton yaml-input` against AWS CLI v2 (Debian's awscli 2.9, /usr/bin/aws). v2's
 * comments quote the model's documentation, which cognate's models leave out: v2's output is compared
 * after `withoutDocs` (yaml-skeleton-compare.ts) takes out exactly that sentence, everything else byte for
 * byte, random enum picks aside. Three sources of v2 output:
 * - Debian's own models with their real documentation, for operations whose input shapes are the same
 *   in Debian's older models and in cognate's;
 * - cognate's models, installed for v2 in ~/.aws/models with a made-up sentence on every member, for the
 *   operations whose shapes are newer than Debian's (create-user-pool, initiate-auth, create-token, …);
 * - a made-up service in ~/.aws/models with the shapes these four services lack (timestamp, float,
 *   double, a structure inside itself, an empty input, no input, lists of lists, …).
 * Also: the invalid-choice error, and skeletons filled in and read back through --cli-input-yaml.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yamlSkeleton } from '../../src/cli/skeleton-yaml.ts';
import { loadModel, type ServiceModel, type ServiceName } from '../../src/protocol/model.ts';
import { PASSWORD, signIn } from '../helpers/fixtures.ts';
import { type CliResult, idpClient, run } from '../helpers/server.ts';
import { AWS_V2, describe, test } from '../helpers/tools.ts';
import { cognate, startCountingServer } from './cognate-helpers.ts';
import { unprefixed, v2World } from './v2-world.ts';
import { assertSameSkeleton, withoutDocs } from './yaml-skeleton-compare.ts';

const enumsOf = (model: ServiceModel) => Object.values(model.shapes).flatMap((s) => (s.enum ? [s.enum] : []));

/** A cognate model as a botocore service-2.json, with `<p>The <code>M</code> of S. More: here.</p>` on every member. */
function botocoreJson(model: ServiceModel, uid: string): string {
  const operations = Object.fromEntries(
    Object.entries(model.operations).map(([name, op]) => [
      name,
      {
        name,
        http: op.http,
        ...(op.input ? { input: { shape: op.input } } : {}),
        ...(op.output ? { output: { shape: op.output } } : {}),
        errors: op.errors.map((shape) => ({ shape })),
        ...(op.signed ? {} : { authtype: 'none' }),
      },
    ]),
  );
  const shapes = Object.fromEntries(
    Object.entries(model.shapes).map(([name, shape]) => [
      name,
      shape.members
        ? {
            ...shape,
            members: Object.fromEntries(
              Object.entries(shape.members).map(([m, ref]) => [
                m,
                { ...ref, documentation: `<p>The <code>${m}</code> of ${name}. More: here.</p>` },
              ]),
            ),
          }
        : shape,
    ]),
  );
  return JSON.stringify({ version: '2.0', metadata: { ...model.metadata, uid, signatureVersion: 'v4' }, operations, shapes });
}

/** A HOME whose ~/.aws/models holds these models (v2's loader prefers them to its own). */
function modelsHome(models: Array<[string, ServiceModel]>): string {
  const home = mkdtempSync(join(tmpdir(), 'cognate-v2-models-'));
  for (const [service, model] of models) {
    const dir = join(home, '.aws', 'models', service, model.metadata.apiVersion);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'service-2.json'), botocoreJson(model, `${service}-${model.metadata.apiVersion}`));
  }
  return home;
}

const S = (type: string, extra: Record<string, unknown> = {}) => ({ type, ...extra });
const ref = (shape: string) => ({ shape });
/** The shapes cognate's four services do not have in any input, plus nestings they do not reach. */
const SYNTH = {
  metadata: {
    apiVersion: '2020-01-01',
    endpointPrefix: 'synth',
    protocol: 'json',
    serviceId: 'Synth',
    jsonVersion: '1.1',
    targetPrefix: 'Synth',
  },
  operations: {
    Everything: { name: 'Everything', http: { method: 'POST', requestUri: '/' }, input: 'EverythingIn', errors: [], signed: true },
    NothingIn: { name: 'NothingIn', http: { method: 'POST', requestUri: '/' }, input: 'Empty', errors: [], signed: true },
    NoInput: { name: 'NoInput', http: { method: 'POST', requestUri: '/' }, errors: [], signed: true },
  },
  shapes: {
    EverythingIn: S('structure', {
      required: ['When', 'Tree', 'Trues'],
      members: {
        When: ref('Time'),
        Ratio: ref('Float'),
        Big: ref('Double'),
        Bytes: ref('Blob'),
        Tree: ref('Node'),
        Grid: ref('StringGrid'),
        Cube: ref('StringCube'),
        Rows: ref('NodeRows'),
        Buckets: ref('GridMap'),
        Nested: ref('MapMap'),
        Things: ref('NodeMap'),
        Trues: ref('TrueEnum'),
        Words: ref('WordEnum'),
        Picks: ref('WordEnumList'),
        Blobs: ref('BlobList'),
        Times: ref('TimeList'),
        Nothing: ref('Empty'),
        Count: ref('Int'),
        Total: ref('Long'),
        Flag: ref('Bool'),
      },
    }),
    Empty: S('structure', { members: {} }),
    Node: S('structure', {
      required: ['Child'],
      members: { Name: ref('Str'), Child: ref('Node'), Kids: ref('NodeList'), Grid: ref('StringGrid') },
    }),
    NodeList: S('list', { member: ref('Node') }),
    NodeRows: S('list', { member: ref('NodeList') }),
    NodeMap: S('map', { key: ref('Str'), value: ref('Node') }),
    StringList: S('list', { member: ref('Str') }),
    StringGrid: S('list', { member: ref('StringList') }),
    StringCube: S('list', { member: ref('StringGrid') }),
    GridMap: S('map', { key: ref('Str'), value: ref('StringGrid') }),
    StrMap: S('map', { key: ref('Str'), value: ref('Str') }),
    MapMap: S('map', { key: ref('Str'), value: ref('StrMap') }),
    TrueEnum: S('string', { enum: ['true', 'null'] }),
    WordEnum: S('string', { enum: ['ALPHA', 'beta', 'Gamma_1'] }),
    WordEnumList: S('list', { member: ref('WordEnum') }),
    BlobList: S('list', { member: ref('Blob') }),
    TimeList: S('list', { member: ref('Time') }),
    Str: S('string'),
    Time: S('timestamp'),
    Float: S('float'),
    Double: S('double'),
    Blob: S('blob'),
    Int: S('integer'),
    Long: S('long'),
    Bool: S('boolean'),
  },
  paginators: {},
} as unknown as ServiceModel;

/** v2 2.9 writes usage errors as argparse does; cognate as 2.36 (docs/cli-differences.md, "Usage errors"). */
const USAGE_TAIL =
  'usage: cognate [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  cognate help\n  cognate <command> help\n  cognate <command> <subcommand> help\n';

describe('--generate-cli-skeleton yaml-input agrees with AWS CLI v2', { needs: ['aws-v2'] }, () => {
  const w = v2World();

  /** Both CLIs' skeletons of one operation, compared; returns [v2's, cognate's]. */
  const compare = async (
    service: ServiceName,
    op: string,
    env: NodeJS.ProcessEnv,
    form = ['--generate-cli-skeleton', 'yaml-input'],
  ): Promise<[CliResult, CliResult]> => {
    const [a, c] = await w.both([service, op, ...form], env);
    const what = `${service} ${op} ${form.join(' ')}`;
    assert.deepEqual([a.status, a.stderr], [0, ''], what);
    assert.deepEqual([c.status, c.stderr], [0, ''], what);
    assertSameSkeleton(c.stdout, withoutDocs(a.stdout), enumsOf(loadModel(service)), what);
    return [a, c];
  };

  test("Debian's models and their documentation: every shape type the services' inputs have", async () => {
    for (const [service, op] of [
      ['cognito-idp', 'global-sign-out'], // one required string
      ['cognito-idp', 'admin-create-user'], // lists of structures and of enums, a map, a boolean, an enum
      ['cognito-idp', 'set-risk-configuration'], // structures three deep, required enums and booleans
      ['cognito-idp', 'set-ui-customization'], // a blob: !!binary ''
      ['cognito-idp', 'admin-list-groups-for-user'], // integer
      ['cognito-identity', 'get-open-id-token-for-developer-identity'], // long, maps
      ['cognito-identity', 'get-credentials-for-identity'],
      ['cognito-identity', 'set-identity-pool-roles'], // a map of structures
      ['sso', 'get-role-credentials'],
      ['sso-oidc', 'start-device-authorization'],
    ] as Array<[ServiceName, string]>) {
      await compare(service, op, w.env);
    }
    // --generate-cli-skeleton=yaml-input is the same option, but only the option's own token lifts the
    // required arguments (awscli's OverrideRequiredArgsArgument): without them, a usage error in both.
    await compare('cognito-idp', 'admin-create-user', w.env, [
      '--user-pool-id',
      'p',
      '--username',
      'u',
      '--generate-cli-skeleton=yaml-input',
    ]);
    const [a, c] = await w.both(['cognito-idp', 'admin-create-user', '--generate-cli-skeleton=yaml-input']);
    assert.deepEqual([a.status, c.status, c.stdout], [252, 252, ''], c.stderr);
    for (const r of [a, c]) assert.match(r.stderr, /the following arguments are required: --user-pool-id, --username\n/);
  });

  test("cognate's own (newer) models installed for v2: the operations Debian's models have older shapes for", async () => {
    const home = modelsHome((['cognito-idp', 'cognito-identity', 'sso-oidc'] as ServiceName[]).map((s) => [s, loadModel(s)]));
    const env = { ...w.env, HOME: home };
    for (const [service, op] of [
      ['cognito-idp', 'create-user-pool'],
      ['cognito-idp', 'update-user-pool'],
      ['cognito-idp', 'create-user-pool-client'],
      ['cognito-idp', 'initiate-auth'],
      ['cognito-idp', 'admin-respond-to-auth-challenge'],
      ['cognito-idp', 'sign-up'],
      ['cognito-identity', 'create-identity-pool'],
      ['sso-oidc', 'create-token'],
      ['sso-oidc', 'register-client'],
    ] as Array<[ServiceName, string]>) {
      await compare(service, op, env);
    }
  });

  test('shapes the services lack: timestamp, float, double, recursion, empty and absent input, nested lists and maps', async () => {
    const env = { ...w.env, HOME: modelsHome([['synth', SYNTH]]) };
    for (const [op, input] of [
      ['everything', 'EverythingIn'],
      ['nothing-in', 'Empty'],
      ['no-input', undefined],
    ] as const) {
      const a = await run(AWS_V2, ['synth', op, '--generate-cli-skeleton', 'yaml-input'], env);
      assert.deepEqual([a.status, a.stderr], [0, ''], op);
      assertSameSkeleton(yamlSkeleton(SYNTH, input), withoutDocs(a.stdout), enumsOf(SYNTH), op);
    }
  });

  test("sso logout's Logout skeleton: v2's generator for that operation (v2's `sso logout` has no such option)", async () => {
    // v2 refuses the option on its `sso logout` customization (docs/cli-differences.md); its skeleton
    // code is run directly on the Logout operation of v2's own sso model instead.
    const PY = [
      'import xml.dom.minidom, xml.parsers.expat  # the CLI has these loaded before the documentation is read',
      'from awscli.botocore.session import Session',
      'from awscli.customizations.generatecliskeleton import GenerateCliSkeletonArgument',
      "op = Session().get_service_model('sso').operation_model('Logout')",
      'GenerateCliSkeletonArgument(Session(), op)._generate_yaml_input_skeleton()',
    ].join('\n');
    const py = spawnSync('/usr/bin/python3', ['-c', PY], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(py.status, 0, py.stderr);
    const refused = await w.v2(['sso', 'logout', '--generate-cli-skeleton', 'yaml-input']);
    assert.equal(refused.status, 252, refused.stderr);
    const c = await cognate(['sso', 'logout', '--generate-cli-skeleton', 'yaml-input'], w.env);
    assert.deepEqual([c.status, c.stderr], [0, '']);
    assertSameSkeleton(c.stdout, withoutDocs(py.stdout), [], 'sso logout');
    assert.equal(c.stdout, "accessToken: ''  # [REQUIRED]\n");
  });

  test('an invalid --generate-cli-skeleton value: exit 252, the choices v2 lists, the same suggestions', async () => {
    for (const value of ['foo', 'yaml', 'yaml-inptu', 'inptu', 'outptu', 'YAML-INPUT', 'json']) {
      const [a, c] = await w.both(['cognito-idp', 'global-sign-out', '--generate-cli-skeleton', value]);
      assert.deepEqual([a.status, c.status], [252, 252], `${value}\n${a.stderr}\n${c.stderr}`);
      // v2 2.9: "Invalid choice, valid choices are:" + the choices in columns + "Invalid choice: 'x', maybe you meant:" + matches.
      const listed = /valid choices are:\n\n([\s\S]*?)\n\n/.exec(a.stderr)?.[1];
      assert.ok(listed, a.stderr);
      assert.deepEqual(
        listed.split(/[|\n]/).map((s) => s.trim()),
        ['input', 'output', 'yaml-input'],
      );
      const suggested = [...(/maybe you meant:\n\n((?: {2}\* .*\n?)+)/.exec(a.stderr)?.[1] ?? '').matchAll(/ {2}\* (.*)/g)].map(
        (m) => m[1],
      );
      // cognate: v2 2.36's wording of the same facts.
      const hint = suggested.length > 0 ? `\nMaybe you meant:\n\n${suggested.map((s) => `  * ${s}`).join('\n')}` : '';
      assert.equal(
        c.stderr,
        `\ncognate: [ERROR]: An error occurred (ParamValidation): argument --generate-cli-skeleton: Found invalid choice '${value}'\n${hint}\n\n${USAGE_TAIL}`,
        value,
      );
    }
    // Every choice v2 lists is one cognate takes, with v2's exit code.
    for (const choice of ['input', 'output', 'yaml-input']) {
      const [a, c] = await w.both(['cognito-idp', 'global-sign-out', '--access-token', 'x', '--generate-cli-skeleton', choice]);
      assert.equal(c.status, a.status, `${choice}\n${a.stderr}\n${c.stderr}`);
      assert.equal(c.status, 0, c.stderr);
    }
  });

  test('a filled-in yaml-input skeleton read back through --cli-input-yaml, as v2 reads it', async () => {
    const dir = w.env.HOME as string;
    const skeleton = async (op: string): Promise<[string, string]> => {
      const [a, c] = await compare('cognito-idp', op, w.env);
      return [a.stdout, c.stdout];
    };
    /** Replaces a member's placeholder, keeping the rest of the line (the comment too). */
    const fill = (text: string, values: Record<string, string>) =>
      Object.entries(values).reduce((t, [k, v]) => {
        const re = new RegExp(`^( *(?:- )?${k}: )''`, 'm');
        assert.match(t, re, k);
        return t.replace(re, `$1${JSON.stringify(v)}`);
      }, text);
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return `file://${p}`;
    };
    /** Each CLI reads the other's file and its own: four runs, one answer. */
    const agree = async (op: string, v2Text: string, cognateText: string, extra: string[] = [], check?: (r: CliResult) => void) => {
      const v2File = file(`${op}-v2.yaml`, v2Text);
      const cFile = file(`${op}-cognate.yaml`, cognateText);
      const results: CliResult[] = [];
      for (const f of [cFile, v2File]) {
        const [a, c] = await w.both(['cognito-idp', op, '--cli-input-yaml', f, ...extra]);
        assert.equal(c.status, a.status, `${op} ${f}: exit ${c.status} vs v2 ${a.status}\n${c.stderr}\n${a.stderr}`);
        assert.equal(c.stdout, a.stdout, `${op} ${f}`);
        // Client-side validation errors carry 2.36's `An error occurred (ParamValidation): ` (docs/cli-differences.md).
        assert.equal(unprefixed(c.stderr).replace(/^\nAn error occurred \(ParamValidation\): /, '\n'), a.stderr, `${op} ${f}`);
        results.push(c);
      }
      check?.(results[0] as CliResult);
    };

    // All members required.
    const [getV2, getC] = await skeleton('admin-get-user');
    await agree(
      'admin-get-user',
      fill(getV2, { UserPoolId: w.poolId, Username: 'bob' }),
      fill(getC, { UserPoolId: w.poolId, Username: 'bob' }),
      [],
      (r) => assert.match(r.stdout, /"Username": "bob"/),
    );

    // The required members filled, the optional placeholders left as printed ('' where a minimum
    // length is 1): refused before sending, the same way in both.
    const [uiV2, uiC] = await skeleton('set-ui-customization');
    await agree('set-ui-customization', fill(uiV2, { UserPoolId: w.poolId }), fill(uiC, { UserPoolId: w.poolId }), [], (r) =>
      assert.equal(r.status, 252, r.stderr),
    );
    // With the client filled too: the blob is `!!binary ''` (no bytes) and the CSS empty. Cognate's
    // server has no SetUICustomization, so a recording server takes the two requests, which must be equal.
    const ui = { UserPoolId: w.poolId, ClientId: w.clientId };
    const recorder = await startCountingServer();
    try {
      const bodies: unknown[] = [];
      const results: CliResult[] = [];
      for (const [cli, text] of [
        [(args: string[]) => run(AWS_V2, args, w.env), fill(uiV2, ui)],
        [(args: string[]) => cognate(args, w.env), fill(uiC, ui)],
      ] as const) {
        results.push(
          await cli(['--endpoint-url', recorder.url, 'cognito-idp', 'set-ui-customization', '--cli-input-yaml', file('ui.yaml', text)]),
        );
        bodies.push(JSON.parse(recorder.requests.at(-1)?.body ?? 'null'));
      }
      const [a, c] = results as [CliResult, CliResult];
      assert.deepEqual([c.status, c.stdout, c.stderr], [a.status, a.stdout, a.stderr]);
      assert.equal(recorder.requests.length, 2);
      assert.deepEqual(bodies[1], bodies[0]);
      assert.deepEqual(bodies[0], { ...ui, CSS: '', ImageFile: '' });
    } finally {
      await recorder.close();
    }

    // `--cli-input-yaml=file://…` does not lift the required arguments (only the option's own token does).
    const eqForm = await w.both([
      'cognito-idp',
      'admin-get-user',
      `--cli-input-yaml=${file('get.yaml', fill(getC, { UserPoolId: w.poolId, Username: 'bob' }))}`,
    ]);
    assert.deepEqual(
      eqForm.map((r) => [r.status, r.stdout, /the following arguments are required: --user-pool-id, --username\n/.test(r.stderr)]),
      [
        [252, '', true],
        [252, '', true],
      ],
    );

    // Lists of structures and a map: the required Name of the list item filled, the optional Value left ''.
    const [attrV2, attrC] = await skeleton('admin-update-user-attributes');
    const attrs = { UserPoolId: w.poolId, Username: 'carol', Name: 'nickname' };
    await agree('admin-update-user-attributes', fill(attrV2, attrs), fill(attrC, attrs), [], (r) =>
      assert.deepEqual([r.status, r.stdout], [0, ''], r.stderr),
    );
    const after = await w.same([
      'cognito-idp',
      'admin-get-user',
      '--user-pool-id',
      w.poolId,
      '--username',
      'carol',
      '--query',
      'UserAttributes[?Name==`nickname`]',
    ]);
    assert.match(after.stdout, /"nickname"/);

    // A token that each run signs out: both CLIs read both files, each with a fresh token.
    const [outV2, outC] = await skeleton('global-sign-out');
    for (const [who, text] of [
      ['v2', outV2],
      ['cognate', outC],
    ] as const) {
      const fresh = async () => fill(text, { AccessToken: (await signIn(idpClient(w.server), w.clientId, 'alice', PASSWORD)).accessToken });
      const f = file(`global-sign-out-${who}.yaml`, await fresh());
      const a = await w.v2(['cognito-idp', 'global-sign-out', '--cli-input-yaml', f]);
      writeFileSync(f.slice('file://'.length), await fresh());
      const c = await cognate(['--endpoint-url', w.server.url, 'cognito-idp', 'global-sign-out', '--cli-input-yaml', f], w.env);
      assert.deepEqual([c.status, c.stdout, c.stderr], [a.status, a.stdout, a.stderr], `global-sign-out, ${who}'s skeleton`);
      assert.equal(c.status, 0, c.stderr);
      assert.ok(readFileSync(f.slice('file://'.length), 'utf8').includes('# [REQUIRED]'));
    }
  });
});
