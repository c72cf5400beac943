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
      const m = /^profile\s+(.+)$/.exec(name);
      if (m?.[1]) out[m[1].trim()] = { ...(out[m[1].trim()] ?? {}), ...body };
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
