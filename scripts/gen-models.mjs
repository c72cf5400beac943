#!/usr/bin/env node
// Derives Cognate's operation tables from the botocore service models installed with the AWS CLI.
// Only facts are kept (names, shapes, members, types, required, enums, min/max, patterns, locations,
// signing and pagination); every documentation string is dropped.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
  encoding: 'utf8',
}).trim();
const services = {
  'cognito-idp': '2016-04-18',
  'cognito-identity': '2014-06-30',
  sso: '2019-06-10',
  'sso-oidc': '2019-06-10',
};
const KEEP_SHAPE = [
  'type',
  'required',
  'members',
  'member',
  'key',
  'value',
  'enum',
  'min',
  'max',
  'pattern',
  'sensitive',
  'error',
  'exception',
  'fault',
  'timestampFormat',
  'event',
  'eventstream',
  'union',
  'document',
];
const KEEP_MEMBER = ['shape', 'location', 'locationName', 'idempotencyToken', 'jsonvalue', 'hostLabel', 'deprecated'];

for (const [svc, ver] of Object.entries(services)) {
  const dir = join(root, 'data', svc, ver);
  const model = JSON.parse(gunzipSync(readFileSync(join(dir, 'service-2.json.gz'))).toString('utf8'));
  const paginators = existsSync(join(dir, 'paginators-1.json'))
    ? JSON.parse(readFileSync(join(dir, 'paginators-1.json'), 'utf8')).pagination
    : {};
  const out = { metadata: {}, operations: {}, shapes: {}, paginators };
  for (const k of [
    'apiVersion',
    'endpointPrefix',
    'jsonVersion',
    'protocol',
    'serviceId',
    'signatureVersion',
    'signingName',
    'targetPrefix',
    'serviceFullName',
  ]) {
    if (model.metadata[k] !== undefined) out.metadata[k] = model.metadata[k];
  }
  for (const [name, op] of Object.entries(model.operations)) {
    const o = { name, http: op.http };
    if (op.input) o.input = op.input.shape;
    if (op.output) o.output = op.output.shape;
    o.errors = (op.errors ?? []).map((e) => e.shape);
    const unsigned = op.authtype === 'none' || (Array.isArray(op.auth) && op.auth.includes('smithy.api#noAuth'));
    o.signed = !unsigned;
    if (op.deprecated) o.deprecated = true;
    out.operations[name] = o;
  }
  for (const [name, shape] of Object.entries(model.shapes)) {
    const s = {};
    for (const k of KEEP_SHAPE) {
      if (shape[k] === undefined) continue;
      if (k === 'members') {
        s.members = {};
        for (const [mn, m] of Object.entries(shape.members)) {
          const mm = {};
          for (const mk of KEEP_MEMBER) if (m[mk] !== undefined) mm[mk] = m[mk];
          s.members[mn] = mm;
        }
      } else if (k === 'member' || k === 'key' || k === 'value') {
        const mm = {};
        for (const mk of KEEP_MEMBER) if (shape[k][mk] !== undefined) mm[mk] = shape[k][mk];
        s[k] = mm;
      } else s[k] = shape[k];
    }
    out.shapes[name] = s;
  }
  writeFileSync(join('src', 'models', `${svc}.json`), `${JSON.stringify(out)}\n`);
  console.log(`${svc}: ${Object.keys(out.operations).length} operations, ${Object.keys(out.shapes).length} shapes`);
}
