/**
 * Updating one section of the config file as AWS CLI's ConfigFileWriter does: every other line (comments,
 * other sections, unknown keys) stays byte for byte; keys already in the section are rewritten in place
 * as `key = value`; new keys go after the section's last option line; a missing section is appended as
 * `[name]` (no blank line before it) to a file created 0600 with its directory when absent.
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const SECTION_RE = /^\s*\[([^\]]+)\]/;
// Python's re.search: the first `name = value` (or `name: value`) anywhere in the line.
const OPTION_RE = /([^:=][^:=]*)\s*([:=])\s*(.*)$/;

/** Python's shlex.quote, used for section names with whitespace. */
function shlexQuote(s: string): string {
  if (s === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** `sso-session my-sso`, `profile dev`; names with whitespace are shell-quoted. */
export function sectionHeader(kind: string, name: string): string {
  return `${kind} ${/[ \t]/.test(name) ? shlexQuote(name) : name}`;
}

/** The config-file section of a profile: `default` or `profile NAME`. */
export function profileSection(profile: string): string {
  return profile === 'default' ? 'default' : sectionHeader('profile', profile);
}

function matchesSection(header: string, section: string): boolean {
  if (header === `[${section}]`) return true;
  const parts = section.split(' ');
  return parts.length > 1 && header === `[${parts[0]} "${parts.slice(1).join(' ')}"]`;
}

function newLines(values: Map<string, string>): string {
  const text = [...values].map(([k, v]) => `${k} = ${v}\n`).join('');
  values.clear();
  return text;
}

/** Updates the section in the file's lines; false when the file has no such section. */
function updateSection(lines: string[], section: string, values: Map<string, string>): boolean {
  let start = -1;
  for (let i = 0; i < lines.length && start < 0; i++) {
    const line = lines[i] as string;
    if (/^\s*[#;]/.test(line)) continue;
    const m = SECTION_RE.exec(line);
    if (m && matchesSection(m[0], section)) start = i;
  }
  if (start < 0) return false;
  let lastOption = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = (lines[j] as string).replace(/\r?\n$/, '');
    if (SECTION_RE.test(line)) {
      lines.splice(lastOption + 1, 0, newLines(values));
      return true;
    }
    const m = OPTION_RE.exec(line);
    if (!m) continue;
    lastOption = j;
    const key = (m[1] as string).trim();
    const value = values.get(key);
    if (value !== undefined) {
      lines[j] = `${key} = ${value}\n`;
      values.delete(key);
    }
  }
  if (values.size > 0) {
    if (!(lines[lines.length - 1] as string).endsWith('\n')) lines.push('\n');
    lines.splice(lastOption + 1, 0, newLines(values));
  }
  return true;
}

/** Sets `values` (in order) in `[section]` of the file at `path`. */
export function updateConfig(path: string, section: string, values: Record<string, string>): void {
  const pending = new Map(Object.entries(values));
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'w', 0o600));
  }
  const text = readFileSync(path, 'utf8');
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (updateSection(lines, section, pending)) {
    writeFileSync(path, lines.join(''));
    return;
  }
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  appendFileSync(path, `${needsNewline ? '\n' : ''}[${section}]\n${newLines(pending)}`);
}
