/**
 * Decoding of JSON request bodies before any parsing: the bytes must be UTF-8 (a lenient decode would map
 * different byte strings to the same user name) and nested no deeper than a JSON front end allows, so no
 * later step (validation messages, handlers) can be driven into unbounded recursion.
 */
import { isUtf8 } from 'node:buffer';

/** Jackson's default nesting limit (StreamReadConstraints), which AWS's Java front ends inherit. */
export const MAX_JSON_DEPTH = 1000;

/** Why a body could not be decoded; the caller turns it into its protocol's error. */
export class JsonBodyError extends Error {
  constructor(
    readonly reason: 'utf8' | 'depth' | 'syntax' | 'not-object',
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of objects and arrays in a JSON text, stopping early past `limit` (one byte scan). */
export function jsonDepthExceeds(bytes: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** More than `limit` bytes `{` or `[` (in strings too): nesting past `limit` needs that many, found by native search. */
function openersExceed(bytes: Buffer, limit: number): boolean {
  let n = 0;
  for (const opener of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let i = bytes.indexOf(opener); i !== -1; i = bytes.indexOf(opener, i + 1)) if (++n > limit) return true;
  }
  return false;
}

/** Decodes a request body that must be a JSON object (an empty body is `{}`). */
export function decodeJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  if (!isUtf8(body)) throw new JsonBodyError('utf8', 'The request body is not valid UTF-8.');
  // The byte-by-byte depth scan runs only for bodies that open enough objects and arrays to need it.
  if (openersExceed(body, MAX_JSON_DEPTH) && jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw new JsonBodyError('depth', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new JsonBodyError('syntax', 'The request body is not valid JSON.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new JsonBodyError('not-object', 'The request body must be a JSON object.');
  }
  return v as Record<string, unknown>;
}
