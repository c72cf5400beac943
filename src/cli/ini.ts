/**
 * The AWS config/credentials file format as botocore reads it: `[section]` headers, `key = value`
 * pairs, `#`/`;` comment lines, and nested blocks (a key with an empty value followed by indented
 * `sub = value` lines, used by `[services …]` sections and `s3 =` style settings).
 */

export type IniValue = string | Record<string, string>;
export type IniSection = Record<string, IniValue>;

/** Parses the text of one file into sections; malformed lines are ignored. */
export function parseIni(text: string): Record<string, IniSection> {
  const out: Record<string, IniSection> = {};
  let section: IniSection | undefined;
  let nestedKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\s*\[([^\]]*)\]\s*$/.exec(raw);
    if (header) {
      const name = (header[1] ?? '').trim();
      section = out[name] ?? {};
      out[name] = section;
      nestedKey = undefined;
      continue;
    }
    if (!section) continue;
    const indented = /^\s+/.test(raw);
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    const key = raw.slice(0, eq).trim();
    // Inline comments after whitespace are stripped, as configparser does with " #" / " ;".
    const value = raw
      .slice(eq + 1)
      .replace(/\s[#;].*$/, '')
      .trim();
    if (indented && nestedKey !== undefined) {
      const nested = section[nestedKey];
      if (typeof nested === 'object') nested[key] = value;
      continue;
    }
    if (value === '') {
      section[key] = {};
      nestedKey = key;
    } else {
      section[key] = value;
      nestedKey = undefined;
    }
  }
  return out;
}

/** The profiles of a config file: `[default]`, `[profile x]` (and `[profile default]`). */
export function configProfiles(sections: Record<string, IniSection>): Record<string, IniSection> {
  const out: Record<string, IniSection> = {};
  for (const [name, body] of Object.entries(sections)) {
    if (name === 'default') out.default = { ...(out.default ?? {}), ...body };
    else {
      // botocore shlex-splits `profile NAME` (configure set writes `[profile 'my p']` for such names).
      const parts = shlexSplit(name);
      if (parts?.length === 2 && parts[0] === 'profile') {
        const p = parts[1] as string;
        out[p] = { ...(out[p] ?? {}), ...body };
      }
    }
  }
  return out;
}

/** Sections of a given kind (`services`, `sso-session`) by name. */
export function namedSections(sections: Record<string, IniSection>, kind: string): Record<string, IniSection> {
  const out: Record<string, IniSection> = {};
  const re = new RegExp(`^${kind}\\s+(.+)$`);
  for (const [name, body] of Object.entries(sections)) {
    const m = re.exec(name);
    if (m?.[1]) out[m[1].trim()] = body;
  }
  return out;
}

/** Python's shlex.split for section names: whitespace-separated words, '…' and "…" quoting, \\ escapes; undefined when unbalanced. */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      let inner = text.slice(i + 1, end);
      if (c === '"') inner = inner.replace(/\\(["\\$`])/g, '$1');
      word = (word ?? '') + inner;
      i = end;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
