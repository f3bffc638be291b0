// Literal values for the lowering: number tokens → tagged Constant values (int as number or
// bigint, float, imaginary) and string tokens → their prefix, body and decoded value (escapes,
// raw strings, bytes). f-strings reuse decodeEscapes for their literal parts. The tokenizer has
// already rejected malformed literals with CPython's messages, so these only convert.

import type { ConstantValue } from '../ast';

export function numberValue(text: string): ConstantValue {
  const t = text.replace(/_/g, '');
  const last = t[t.length - 1];
  if (last === 'j' || last === 'J') return { type: 'complex', real: 0, imag: Number(t.slice(0, -1)) };
  if (/^0[xXoObB]/.test(t)) return intValue(BigInt(t.toLowerCase()));
  if (/[.eE]/.test(t)) return { type: 'float', value: Number(t) };
  return intValue(BigInt(t));
}

function intValue(n: bigint): ConstantValue {
  const asNum = Number(n);
  return { type: 'int', value: Number.isSafeInteger(asNum) ? asNum : n };
}

export interface StringParts {
  /** Lower-cased prefix letters, e.g. 'rb'. */
  prefix: string;
  /** Offset of the body (after the opening quotes) and of the closing quotes. */
  bodyFrom: number;
  bodyTo: number;
  raw: boolean;
  bytes: boolean;
  fstring: boolean;
}

/** Splits a string token `rb'''...'''` at `from` into prefix and body bounds. */
export function stringParts(token: string, from: number): StringParts {
  let i = 0;
  while (i < token.length && token[i] !== '"' && token[i] !== "'") i++;
  const prefix = token.slice(0, i).toLowerCase();
  const q = token[i];
  const triple = token.startsWith(q + q + q, i) && token.length >= i + 6;
  const qlen = triple ? 3 : 1;
  return {
    prefix,
    bodyFrom: from + i + qlen,
    bodyTo: from + token.length - qlen,
    raw: prefix.includes('r'),
    bytes: prefix.includes('b'),
    fstring: prefix.includes('f'),
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** A few `\N{...}` names; CPython knows all of Unicode, we know the ones scripts tend to use. */
const UNICODE_NAMES: Record<string, string> = {
  BULLET: '\u2022', 'EM DASH': '\u2014', 'EN DASH': '\u2013', 'DEGREE SIGN': '\u00b0',
  'GREEK SMALL LETTER ALPHA': '\u03b1', 'GREEK SMALL LETTER BETA': '\u03b2',
  'GREEK SMALL LETTER THETA': '\u03b8', 'GREEK SMALL LETTER MU': '\u03bc',
  'GREEK SMALL LETTER SIGMA': '\u03c3', 'RIGHTWARDS ARROW': '\u2192', 'CHECK MARK': '\u2713',
  'MULTIPLICATION SIGN': '\u00d7', 'NO-BREAK SPACE': '\u00a0', SPACE: ' ',
  'LATIN SMALL LETTER E WITH ACUTE': '\u00e9', 'PLUS-MINUS SIGN': '\u00b1',
};

export class EscapeError extends Error {}

/**
 * Decodes the body of a non-raw str or bytes literal. Unknown escapes stay as written (CPython
 * keeps them, with a SyntaxWarning). `\r\n` line breaks inside literals read as `\n`, as CPython
 * normalizes newlines before tokenizing.
 */
export function decodeEscapes(body: string, bytes: boolean): string {
  if (!body.includes('\\') && !body.includes('\r')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\r') {
      out += '\n';
      if (body[i + 1] === '\n') i++;
      continue;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) {
      out += c;
      continue;
    }
    if (n === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else if (n >= '0' && n <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && body[j] >= '0' && body[j] <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8) & (bytes ? 0xff : 0x1ff));
      i = j - 1;
    } else if (n === 'x' || (!bytes && (n === 'u' || n === 'U'))) {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
        const kind = bytes ? 'bytes' : 'unicodeescape';
        throw new EscapeError(
          `(${kind} error) '${kind === 'bytes' ? 'unicodeescape' : kind}' codec can't decode bytes in position ${out.length}-${out.length + 1 + hex.replace(/[^0-9a-fA-F].*$/, '').length}: truncated ${n === 'x' ? '\\xXX' : n === 'u' ? '\\uXXXX' : '\\UXXXXXXXX'} escape`,
        );
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + len;
    } else if (!bytes && n === 'N' && body[i + 2] === '{') {
      const close = body.indexOf('}', i + 3);
      const name = close < 0 ? '' : body.slice(i + 3, close).toUpperCase();
      const ch = UNICODE_NAMES[name];
      if (ch === undefined) throw new EscapeError(`(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name`);
      out += ch;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Raw literal bodies only normalize line breaks. */
export function rawBody(body: string): string {
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
}

/** A decoded bytes literal body (all characters are < 256 after decoding). */
export function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
