/**
 * Differential test of the output formatters: every document is formatted by cognate and by the
 * installed AWS CLI v1's own formatter classes (awscli.formatter, run in python3), and the two outputs
 * must be byte-identical — json, text, table with colour off and on, with and without --query.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from '../helpers/tools.ts';
import { FormatError, formatOutput, QueryError, validateQuery } from '../../src/cli/format/index.ts';

const jwt = (seed: string, len: number) => {
  const part = (n: number) => Buffer.from(`${seed}`.repeat(n)).toString('base64url');
  return `${part(3)}.${part(Math.ceil(len / 8))}.${part(Math.ceil(len / 16))}`;
};

interface Doc {
  op: string;
  doc: unknown;
  queries: string[];
}

const attrs = [
  { Name: 'sub', Value: '0c8b5d1e-1111-2222-3333-444455556666' },
  { Name: 'email_verified', Value: 'true' },
  { Name: 'email', Value: 'bob@example.com' },
];

const DOCS: Doc[] = [
  {
    op: 'GetUser',
    doc: {
      Username: 'bob',
      UserAttributes: attrs,
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'],
    },
    queries: [
      'Username',
      'UserAttributes[?Name==`email`].Value',
      'UserAttributes[?Name==`email`].Value | [0]',
      'Nope',
      'UserAttributes[0]',
      'UserAttributes[*].Name',
      '{name: Username, n: length(UserAttributes)}',
    ],
  },
  {
    op: 'AdminGetUser',
    doc: {
      Username: 'bob',
      UserAttributes: attrs,
      UserCreateDate: 1700000000.123,
      UserLastModifiedDate: 1700000123.5,
      Enabled: true,
      UserStatus: 'CONFIRMED',
      MFAOptions: [],
      ResponseMetadata: {
        RequestId: 'abc',
        HTTPStatusCode: 200,
        HTTPHeaders: { 'content-type': 'application/x-amz-json-1.1' },
        RetryAttempts: 0,
      },
    },
    queries: ['Enabled', 'UserCreateDate', 'MFAOptions', '[Username, Enabled, UserStatus]', 'ResponseMetadata'],
  },
  {
    op: 'ListUsers',
    doc: {
      Users: [
        {
          Username: 'alice',
          Attributes: attrs.slice(0, 2),
          UserCreateDate: 1700000000.123,
          UserLastModifiedDate: 1700000000.123,
          Enabled: true,
          UserStatus: 'CONFIRMED',
        },
        {
          Username: 'bob',
          Attributes: [],
          UserCreateDate: 1700000001,
          UserLastModifiedDate: 1700000002.25,
          Enabled: false,
          UserStatus: 'FORCE_CHANGE_PASSWORD',
        },
        {
          Username: 'carol',
          Attributes: attrs,
          UserCreateDate: 1700000003.999,
          Enabled: true,
          UserStatus: 'UNCONFIRMED',
          MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
        },
      ],
      PaginationToken: 'eyJwIjoyfQ==',
    },
    queries: [
      'Users[].Username',
      'Users[?Enabled].{u: Username, s: UserStatus}',
      'sort_by(Users, &Username)[-1].Username',
      'Users[0].Attributes',
      'Users[].Attributes[]',
      'length(Users)',
    ],
  },
  {
    op: 'DescribeUserPool',
    doc: {
      UserPool: {
        Id: 'us-east-1_AbCdEfGhI',
        Name: 'my-user-pool',
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
            PasswordHistorySize: 0,
            TemporaryPasswordValidityDays: 7,
          },
          SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
        },
        DeletionProtection: 'INACTIVE',
        LambdaConfig: {},
        LastModifiedDate: 1700000000.123,
        CreationDate: 1699990000.5,
        SchemaAttributes: [
          {
            Name: 'sub',
            AttributeDataType: 'String',
            DeveloperOnlyAttribute: false,
            Mutable: false,
            Required: true,
            StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
          },
          {
            Name: 'email',
            AttributeDataType: 'String',
            DeveloperOnlyAttribute: false,
            Mutable: true,
            Required: false,
            StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
          },
          {
            Name: 'updated_at',
            AttributeDataType: 'Number',
            DeveloperOnlyAttribute: false,
            Mutable: true,
            Required: false,
            NumberAttributeConstraints: { MinValue: '0' },
          },
          { Name: 'email_verified', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
        ],
        AutoVerifiedAttributes: ['email'],
        UsernameAttributes: ['email'],
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
        MfaConfiguration: 'OFF',
        EstimatedNumberOfUsers: 3,
        EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
        AdminCreateUserConfig: {
          AllowAdminCreateUserOnly: false,
          UnusedAccountValidityDays: 7,
          InviteMessageTemplate: {
            EmailMessage: 'Your username is {username} and temporary password is {####}. ',
            EmailSubject: 'Your temporary password',
          },
        },
        UsernameConfiguration: { CaseSensitive: false },
        Arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI',
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Priority: 1, Name: 'verified_email' },
            { Priority: 2, Name: 'verified_phone_number' },
          ],
        },
        UserPoolTier: 'ESSENTIALS',
      },
    },
    queries: [
      'UserPool.Policies',
      'UserPool.SchemaAttributes[?Required].Name',
      'UserPool.[Id, Name, EstimatedNumberOfUsers]',
      'keys(UserPool)',
      'UserPool.LambdaConfig',
      'UserPool.*',
    ],
  },
  { op: 'ListUserPools', doc: { UserPools: [] }, queries: ['UserPools', 'UserPools[0]', 'NextToken'] },
  {
    op: 'ListUserPools',
    doc: {
      UserPools: [
        { Id: 'us-east-1_AbCdEfGhI', Name: 'my-user-pool', LambdaConfig: {}, LastModifiedDate: 1700000000.123, CreationDate: 1699990000.5 },
        {
          Id: 'us-east-1_ZzZzZzZzZ',
          Name: 'other',
          LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
          LastModifiedDate: 1700000001,
          CreationDate: 1700000001,
        },
      ],
      NextToken: 'tok',
    },
    queries: ['UserPools[].Id', 'UserPools[?Name==`other`] | [0]'],
  },
  {
    op: 'GetRoleCredentials',
    doc: { roleCredentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session', expiration: 1893456000000 } },
    queries: ['roleCredentials.expiration', 'roleCredentials'],
  },
  {
    op: 'ListAccounts',
    doc: {
      accountList: [
        { accountId: '111122223333', accountName: 'dev', emailAddress: 'dev@example.com' },
        { accountId: '444455556666', accountName: 'prod', emailAddress: 'prod@example.com' },
      ],
    },
    queries: ['accountList[].accountId', 'accountList[?accountName==`prod`].emailAddress | [0]'],
  },
  { op: 'ListAccountRoles', doc: { roleList: [] }, queries: [] },
  { op: 'GlobalSignOut', doc: {}, queries: ['@', 'Nope'] },
  {
    op: 'InitiateAuth',
    doc: {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: jwt('access', 700),
        ExpiresIn: 3600,
        TokenType: 'Bearer',
        RefreshToken: jwt('refresh', 1200),
        IdToken: jwt('id', 900),
      },
    },
    queries: ['AuthenticationResult.AccessToken', 'AuthenticationResult.ExpiresIn', 'AuthenticationResult.[TokenType, ExpiresIn]'],
  },
  {
    op: 'AdminCreateUser',
    doc: {
      User: {
        Username: 'Zoë Ünïcødé',
        Attributes: [
          { Name: 'name', Value: '山田太郎' },
          { Name: 'nickname', Value: 'ＡＢＣ fullwidth' },
          { Name: 'locale', Value: '±§ ambiguous ½' },
          { Name: 'picture', Value: 'emoji 😀👍 and ö' },
          { Name: 'family_name', Value: 'O\'Brien "quoted" back\\slash\ttab' },
        ],
        UserCreateDate: 1700000000.123,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      },
    },
    queries: ['User.Attributes[].Value', 'User.Username'],
  },
  {
    op: 'Scalars',
    doc: {
      Null: null,
      True: true,
      False: false,
      Zero: 0,
      Float: 1.5,
      Negative: -2,
      Tiny: 1e-7,
      Small: 0.0001,
      Big: 123456789012,
      Tenth: 0.1,
      Third: 1 / 3,
      Matrix: [
        [1, 2],
        [3, 4],
      ],
      Mixed: ['a', 1, null, true, 2.5],
      Ragged: ['x', [1, 2], { k: 'v' }],
      Empty: '',
      EmptyObj: {},
      Multi: 'line one\nline two',
    },
    queries: [
      'Null',
      'True',
      'False',
      'Zero',
      'Tiny',
      'Matrix',
      'Mixed',
      'Ragged',
      'Empty',
      'EmptyObj',
      'Multi',
      'Matrix[]',
      '[Matrix, Mixed]',
    ],
  },
  {
    op: 'Heterogeneous',
    doc: {
      Items: [
        { A: 1, B: 'two', Nested: { X: 1, Y: 2 }, Tags: ['t1', 't2'] },
        { A: 3, C: true, Nested: { X: 5 } },
        { B: 'only-b', Sub: [{ P: 'p1' }, { P: 'p2', Q: null }] },
      ],
      Count: 3,
    },
    queries: ['Items[].A', 'Items[2].Sub', 'Items[].Nested'],
  },
  {
    op: 'QuerySemantics',
    doc: {
      Users: [
        { Username: 'alice', N: 3, F: 1.5, Enabled: true, Tags: ['a', 'b'] },
        { Username: 'bob', N: 1, F: 2, Enabled: false, Tags: [] },
        { Username: 'Carl', N: 2, Enabled: null },
      ],
      S: 'hello wörld',
      Num: 5,
      Obj: { a: 1, b: 'x' },
    },
    queries: [
      'Users[?N > `1`].Username',
      'Users[?Username > `b`].Username',
      "Users[?Username < 'b']",
      'sort_by(Users, &N)[].Username',
      'sort_by(Users, &Username)[].Username',
      'max_by(Users, &N).Username',
      'min_by(Users, &Username).Username',
      'join(`, `, Users[].Username)',
      'to_string(Obj)',
      'to_string(S)',
      'to_string(`[1.5, "ü"]`)',
      'contains(S, `ell`)',
      'starts_with(S, `he`)',
      'ends_with(S, `ld`)',
      'map(&N, Users)',
      'merge(Obj, `{"c": 2, "a": 0}`)',
      'not_null(Nope, S)',
      'abs(`-3`)',
      'sum(Users[].N)',
      'type(S)',
      'type(Users)',
      'to_number(`"12"`)',
      "to_number('1.5e-3')",
      'reverse(S)',
      'reverse(Users[].N)',
      'Users[::-1].Username',
      'Users[1:].N',
      'Users[-2:0:-1].N',
      'Users[?Enabled].Username',
      'Users[?!Enabled].Username',
      'Users[].Tags[]',
      'length(S)',
      'values(Obj)',
      'floor(`1.5`)',
      'ceil(`1.2`)',
      'max(Users[].N)',
      'min(Users[].Username)',
      'sort(Users[].Username)',
      'Users[?F == `2`].Username',
      'Obj == `{"b": "x", "a": 1}`',
      'Users[0] || S',
      'Nope && S',
      '!`0`',
      '`true` == `1`',
      '[`true`] == [`1`]',
      'Num > `3`',
      'S > `3`',
      'foo(S)',
      'length(Num)',
      'length()',
      'not_null()',
      'Users[0].Tags[5]',
      'to_array(S)',
      'Users[*].{n: Username, t: Tags[0]}',
      '`foo`',
      "'raw\\'s'",
      'Users[?contains(Tags, `a`)].Username',
      'contains(S, `1`)',
      'max(`[]`)',
      'sort_by(Users, &F)',
      'sort_by(Users, &Tags)',
      'Users[0:5:0]',
      '[Username, Users[0]]',
    ],
  },
];

const WIDTHS = [undefined, 40, 120, 200];

interface Case {
  op: string;
  doc: unknown;
  output: 'json' | 'text' | 'table';
  color: boolean;
  query?: string;
  width?: number;
}

const PY_FORMAT = `
import sys, io, json, copy, argparse
import colorama, jmespath
import awscli.table
from awscli.formatter import get_formatter
cases = json.loads(sys.stdin.read())
real = sys.stdout
results = []
for c in cases:
    buf = io.StringIO()
    sys.stdout = buf
    w = c.get('width')
    awscli.table.determine_terminal_width = (lambda default_width=80, w=w: w if w is not None else default_width)
    args = argparse.Namespace(query=jmespath.compile(c['query']) if c.get('query') is not None else None,
                              color='on' if c['color'] else 'off')
    try:
        fmt = get_formatter(c['output'], args)
        fmt(c['op'], copy.deepcopy(c['doc']))
        out = buf.getvalue()
    except Exception as e:
        out = buf.getvalue() + 'EXCEPTION: %s' % e
    colorama.deinit()
    sys.stdout = real
    results.append(out)
real.write(json.dumps(results))
`;

function runPython(code: string, input: string): string {
  const r = spawnSync('python3', ['-c', code], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function ours(c: Case): string {
  try {
    return formatOutput(c.doc, { output: c.output, color: c.color, operationName: c.op, query: c.query, ttyWidth: c.width });
  } catch (e) {
    return `${e instanceof FormatError ? e.output : ''}EXCEPTION: ${(e as Error).message}`;
  }
}

function compare(cases: Case[]): void {
  const expected = JSON.parse(runPython(PY_FORMAT, JSON.stringify(cases))) as string[];
  assert.equal(expected.length, cases.length);
  const label = (c: Case) => `${c.op} output=${c.output} color=${c.color} query=${c.query ?? '-'} width=${c.width ?? '-'}`;
  const bad = cases.flatMap((c, i) => (ours(c) === expected[i] ? [] : [i]));
  const first = bad[0];
  if (first !== undefined) {
    const c = cases[first] as Case;
    assert.equal(ours(c), expected[first], `${bad.length} mismatches: ${bad.map((i) => label(cases[i] as Case)).join('; ')}`);
  }
  assert.ok(cases.length > 0);
}

const FORMATS: { output: Case['output']; color: boolean }[] = [
  { output: 'json', color: false },
  { output: 'json', color: true },
  { output: 'text', color: false },
  { output: 'table', color: false },
  { output: 'table', color: true },
];

test('json, text and table output match awscli byte for byte (no --query)', { needs: ['aws-v1'] }, () => {
  const cases: Case[] = [];
  for (const d of DOCS) for (const f of FORMATS) cases.push({ op: d.op, doc: d.doc, ...f });
  compare(cases);
});

test('tables wrap like awscli at other terminal widths', { needs: ['aws-v1'] }, () => {
  const cases: Case[] = [];
  for (const d of DOCS)
    for (const width of WIDTHS) for (const color of [false, true]) cases.push({ op: d.op, doc: d.doc, output: 'table', color, width });
  compare(cases);
});

test('--query results format like awscli in every output', { needs: ['aws-v1'] }, () => {
  const cases: Case[] = [];
  for (const d of DOCS) {
    for (const query of [...d.queries, '@', 'Nope', '*', 'keys(@)']) {
      for (const f of FORMATS) cases.push({ op: d.op, doc: d.doc, query, ...f });
    }
  }
  compare(cases);
});

test('the reference transcript: GetUser table and ListAccountRoles empty table', () => {
  const getUser = {
    Username: 'bob',
    UserAttributes: [
      { Name: 'sub', Value: '1234' },
      { Name: 'email', Value: 'bob@example.com' },
    ],
  };
  assert.equal(
    formatOutput(getUser, { output: 'table', color: false, operationName: 'GetUser' }),
    [
      '--------------------------------',
      '|            GetUser           |',
      '+------------------+-----------+',
      '|  Username        |  bob      |',
      '+------------------+-----------+',
      '||       UserAttributes       ||',
      '|+--------+-------------------+|',
      '||  Name  |       Value       ||',
      '|+--------+-------------------+|',
      '||  sub   |  1234             ||',
      '||  email |  bob@example.com  ||',
      '|+--------+-------------------+|',
      '',
    ].join('\n'),
  );
  assert.equal(
    formatOutput({ roleList: [] }, { output: 'table', color: true, operationName: 'ListAccountRoles' }),
    '------------------\n\x1b[0m\x1b[0m|ListAccountRoles|\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m+----------------+\x1b[0m\x1b[0m\n\x1b[0m',
  );
  assert.equal(formatOutput({}, { output: 'json', color: false, operationName: 'GlobalSignOut' }), '');
  assert.equal(formatOutput(getUser, { output: 'text', color: false, operationName: 'GetUser', query: 'Nope' }), 'None\n');
});

const PY_QUERY = `
import sys, json
from awscli.customizations.globalargs import _resolve_query
out = []
for q in json.loads(sys.stdin.read()):
    try:
        _resolve_query(q)
        out.append(None)
    except ValueError as e:
        out.append(str(e))
sys.stdout.write(json.dumps(out))
`;

test('invalid --query expressions are rejected with the AWS CLI message', { needs: ['aws-v1'] }, () => {
  const queries = [
    '[[[',
    'Username[[',
    'a.',
    'foo |',
    '`bad',
    "'unclosed",
    'a[?b==',
    '"\\q"',
    '"ctl\u0001"',
    '"\\u12"',
    '=',
    'a = b',
    'a==',
    '-',
    '!',
    'a*',
    'a.{',
    '{a: b',
    '{a b}',
    'foo(',
    '"f"(a)',
    '(a)(b)',
    '[1:2:3:4]',
    '[1:a]',
    '',
    'a]',
    'a b',
    'a.1',
    '#',
    'a.[b',
    'a[*',
    'a[?b]]',
    'a || ',
    'a && ',
    '&',
    'foo[?bar==`{"a": [1, 2]}`] baz',
    'a.b.c[0].d',
    'Users[?Enabled].{u: Username}',
    '`foo`',
    'length(@) > `1`',
    '[-1]',
    'a[::-1]',
    'a | b | [0]',
    '!a',
    '@.a',
  ];
  const expected = JSON.parse(runPython(PY_QUERY, JSON.stringify(queries))) as (string | null)[];
  queries.forEach((q, i) => {
    const want = expected[i] ?? null;
    let got: string | null = null;
    try {
      validateQuery(q);
    } catch (e) {
      assert.ok(e instanceof QueryError, `non-QueryError for ${q}: ${e}`);
      got = `Bad value for --query ${e.message}`;
    }
    assert.equal(got, want, `query ${JSON.stringify(q)}`);
  });
});
