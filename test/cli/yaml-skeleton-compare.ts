/**
 * How a `--generate-cli-skeleton yaml-input` of AWS CLI v2 is compared with cognate's, which has no
 * documentation strings to quote.
 *
 * v2 (awscli/customizations/generatecliskeleton.py, YAMLArgumentGenerator._add_member_comments) writes
 * after every structure member `# ` + ' '.join([`[REQUIRED]` if required, DOC, `Valid values are: A, B.`
 * if the member is an enum]), where DOC is get_shape_doc_overview(member): the documentation with its XML
 * removed, cut before its first `.` or `:`, with `.` put back and line breaks made spaces. So DOC is text
 * without `.` or `:` followed by one `.`, and the comment's grammar is
 *   `[REQUIRED] `?  DOC  (` Valid values are: ` LIST `.`)?
 * `withoutDocs` parses each comment by that grammar (a comment that does not parse fails the test), drops
 * DOC and the one space that joined it to the other parts, and drops the whole comment with the spaces
 * before it when nothing is left. Nothing else changes: keys, values, quoting, indentation and the spaces
 * before `#` are compared as v2 printed them.
 */
import assert from 'node:assert/strict';

const COMMENT = /^(\[REQUIRED\] )?([^.:]*\.)( Valid values are: ([^ ,]+(?:, [^ ,]+)*)\.)?$/;

/** v2's YAML skeleton with the documentation sentence taken out of every comment. */
export function withoutDocs(v2: string): string {
  return v2
    .split('\n')
    .map((line) => {
      // Placeholders and member names hold no `#`: the first one starts the comment.
      const at = line.indexOf('#');
      if (at < 0) return line;
      const m = /^(.*?)( {1,2})# (.*)$/.exec(line);
      assert.ok(m && m[1]?.length === at - (m[2] as string).length, `a comment after the value: ${line}`);
      const [, head, spaces, comment] = m as unknown as [string, string, string, string];
      const c = COMMENT.exec(comment);
      assert.ok(c, `v2's comment follows [REQUIRED]? DOC (Valid values are: …)?: ${comment}`);
      assert.notEqual(c[2], '.', `a documented member: ${line}`);
      const rest = [c[1] ? '[REQUIRED]' : '', c[3] ? (c[3] as string).slice(1) : ''].filter(Boolean).join(' ');
      return rest === '' ? head : `${head}${spaces}# ${rest}`;
    })
    .join('\n');
}

/** The value of a `key: value` / `- value` line (plain, or single-quoted as `'true'`) and what surrounds it. */
const VALUE_LINE = /^( *(?:- )*(?:\w+: )?)([^ #'{}]+|'[^']*')((?: {1,2}#.*)?)$/;
const unquoted = (v: string) => (v.startsWith("'") ? v.slice(1, -1) : v);

/**
 * Asserts that two skeletons are equal line for line, except where each CLI picked its own random value
 * of an enum (botocore's random.choice): there the line's value may differ when both values are in the
 * list the comment gives, or, for an enum list item (no comment), in one enum of the model.
 */
export function assertSameSkeleton(actual: string, expected: string, enums: string[][], what: string): void {
  const a = actual.split('\n');
  const e = expected.split('\n');
  assert.equal(a.length, e.length, `${what}: line count\n${actual}\n---\n${expected}`);
  a.forEach((line, i) => {
    const want = e[i] as string;
    if (line === want) return;
    const x = VALUE_LINE.exec(line);
    const y = VALUE_LINE.exec(want);
    const context = `${what}, line ${i + 1}:\n${line}\n${want}\n\n${actual}\n---\n${expected}`;
    assert.ok(x && y && x[1] === y[1] && x[3] === y[3], context);
    const listed = /Valid values are: (.*)\.$/.exec(x[3] as string)?.[1]?.split(', ');
    const both = [unquoted(x[2] as string), unquoted(y[2] as string)];
    const allowed = listed ? both.every((v) => listed.includes(v)) : enums.some((en) => both.every((v) => en.includes(v)));
    assert.ok(allowed, context);
  });
}
