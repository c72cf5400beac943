/**
 * `--output yaml` against AWS CLI v2's own YAML dumper (awscli.formatter.YAMLDumper, ruamel.yaml, run in
 * the python3 that has Debian's awscli v2): realistic responses and every scalar style, byte for byte.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { formatYaml, formatYamlStreamItem } from '../../src/cli/format/yaml.ts';
import { test } from '../helpers/tools.ts';
import { YAML_DOCS } from './yaml-cases.ts';

const PY = `
import sys, json, io
from awscli.formatter import YAMLDumper
out = []
for d in json.load(sys.stdin):
    s = io.StringIO()
    if d != {}:
        YAMLDumper().dump(d, s)
    t = io.StringIO()
    YAMLDumper().dump([d], t)
    out.append([s.getvalue(), t.getvalue()])
print(json.dumps(out))
`;

test('yaml and yaml-stream output match AWS CLI v2 byte for byte', { needs: ['aws-v2'] }, () => {
  // Debian's awscli v2 is a python3 package of /usr/bin/python3.
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(YAML_DOCS), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const want = JSON.parse(r.stdout) as [string, string][];
  YAML_DOCS.forEach((doc, i) => {
    assert.equal(formatYaml(doc), want[i]?.[0], `yaml of case ${i}: ${JSON.stringify(doc).slice(0, 80)}`);
    assert.equal(formatYamlStreamItem(doc), want[i]?.[1], `yaml-stream of case ${i}`);
  });
});
