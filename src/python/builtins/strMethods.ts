// Methods of Python's str (join, split, strip, replace, find, format, partition, zfill, ...),
// installed on the builtin `str` type, plus str.format's replacement-field parser and the
// printf-style `%` operator. Error texts follow CPython 3.13.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, Builtins, PyBuiltinFunction, PyDict, PyList, PyTuple, typeOf,
} from '../object';
import { formatValue } from './format';
import { toArray } from './iter';
import { getitem, opHooks } from './ops';
import { repr, str } from './repr';
import { intArg, methodArgs, params } from './args';
import { asciiOf } from './strutil';
import { formatSpec } from '../numfmt';
import { asFloat } from './numbers';
import { loadAttrHook } from './hooks';

const T = Builtins.str;
const def = (name: string, fn: (s: string, a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  T.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => {
    const s = a[0];
    if (typeof s !== 'string') throw new PyError('TypeError', `descriptor '${name}' for 'str' objects doesn't apply to a '${typeOf(s).name}' object`);
    return fn(s, a, kw);
  }, `str.${name}`));
};

function strArg(v: PyValue, what: string): string {
  if (typeof v !== 'string') throw new PyError('TypeError', `${what} must be str, not ${typeOf(v).name}`);
  return v;
}

const WS = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;
function stripChars(s: string, chars: PyValue | undefined, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) {
    if (left && right) return s.replace(WS, '');
    if (left) return s.replace(/^[\s\x1c-\x1f\x85]+/, '');
    return s.replace(/[\s\x1c-\x1f\x85]+$/, '');
  }
  const cs = strArg(chars, `${left && right ? 'strip' : left ? 'lstrip' : 'rstrip'} arg`);
  let i = 0, j = s.length;
  if (left) while (i < j && cs.includes(s[i])) i++;
  if (right) while (j > i && cs.includes(s[j - 1])) j--;
  return s.slice(i, j);
}
def('strip', (s, a) => (methodArgs('strip', a, 0, 1), stripChars(s, a[1], true, true)));
def('lstrip', (s, a) => (methodArgs('lstrip', a, 0, 1), stripChars(s, a[1], true, false)));
def('rstrip', (s, a) => (methodArgs('rstrip', a, 0, 1), stripChars(s, a[1], false, true)));

function splitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  const isWs = (c: string) => /[\s\x1c-\x1f\x85]/.test(c);
  while (i < n) {
    while (i < n && isWs(s[i])) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(i).replace(/[\s\x1c-\x1f\x85]+$/, ''));
      return out;
    }
    let j = i;
    while (j < n && !isWs(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
def('split', (s, a, kw) => {
  const [sep, ms] = params('split', a, kw, 1, ['sep', 'maxsplit']);
  const maxsplit = ms === undefined ? -1 : intArg(ms);
  if (sep === undefined || sep === null) return new PyList(splitWs(s, maxsplit));
  const sp = strArg(sep, 'must be str or None, not').length === 0 ? '' : (sep as string);
  if (sp === '') throw new PyError('ValueError', 'empty separator');
  const parts = s.split(sp);
  if (maxsplit >= 0 && parts.length > maxsplit + 1) {
    return new PyList([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)]);
  }
  return new PyList(parts);
});
def('rsplit', (s, a, kw) => {
  const [sep, ms] = params('rsplit', a, kw, 1, ['sep', 'maxsplit']);
  const maxsplit = ms === undefined ? -1 : intArg(ms);
  if (sep === undefined || sep === null) {
    if (maxsplit < 0) return new PyList(splitWs(s, -1));
    const rev = splitWs([...s].reverse().join(''), maxsplit).map((p) => [...p].reverse().join(''));
    return new PyList(rev.reverse());
  }
  const sp = sep as string;
  if (sp === '') throw new PyError('ValueError', 'empty separator');
  const parts = s.split(sp);
  if (maxsplit >= 0 && parts.length > maxsplit + 1) {
    const k = parts.length - maxsplit;
    return new PyList([parts.slice(0, k).join(sp), ...parts.slice(k)]);
  }
  return new PyList(parts);
});
def('splitlines', (s, a, kw) => {
  const [keep] = params('splitlines', a, kw, 1, ['keepends']);
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    out.push(s.slice(last, keep ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return new PyList(out);
});
def('join', async (s, a) => {
  methodArgs('str.join', a, 1, 1);
  const items = await toArray(a[1]);
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string') {
      throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${typeOf(items[i]).name} found`);
    }
  }
  return (items as string[]).join(s);
});
def('replace', (s, a, kw) => {
  const [o, n, c] = params('replace', a, kw, 1, ['old', 'new', 'count']);
  if (o === undefined || n === undefined) throw new PyError('TypeError', `replace expected at least 2 arguments, got ${a.length - 1}`);
  const old = strArg(o, 'replace() argument 1');
  const nw = strArg(n, 'replace() argument 2');
  let count = c === undefined ? -1 : intArg(c);
  if (count < 0) return old === '' ? [...s].join(nw).replace(/^/, nw) + (s.length ? nw : '') : s.split(old).join(nw);
  let out = '';
  let i = 0;
  while (count > 0) {
    const j = s.indexOf(old, i);
    if (j < 0) break;
    out += s.slice(i, j) + nw;
    i = j + old.length;
    count--;
    if (old === '') {
      if (i >= s.length) break;
      out += s[i];
      i++;
    }
  }
  return out + s.slice(i);
});
function startsEnds(name: 'startswith' | 'endswith'): void {
  def(name, (s, a) => {
    methodArgs(`str.${name}`, a, 1, 3);
    const start = a[2] === undefined || a[2] === null ? 0 : normIdx(intArg(a[2]), s.length);
    const end = a[3] === undefined || a[3] === null ? s.length : normIdx(intArg(a[3]), s.length);
    const sub = s.slice(start, end);
    const test = (p: PyValue): boolean => {
      if (typeof p !== 'string') {
        throw new PyError('TypeError', `${name} first arg must be str or a tuple of str, not ${typeOf(p).name}`);
      }
      if (start > s.length) return false;
      return name === 'startswith' ? sub.startsWith(p) : sub.endsWith(p);
    };
    if (a[1] instanceof PyTuple) return a[1].items.some(test);
    return test(a[1]);
  });
}
startsEnds('startswith');
startsEnds('endswith');
function normIdx(i: number, n: number): number {
  if (i < 0) i = Math.max(0, i + n);
  return Math.min(i, n);
}
function findImpl(s: string, a: PyValue[], rev: boolean): number {
  const sub = strArg(a[1], 'must be str, not');
  const start = a[2] === undefined || a[2] === null ? 0 : normIdx(intArg(a[2]), s.length);
  const end = a[3] === undefined || a[3] === null ? s.length : normIdx(intArg(a[3]), s.length);
  if (end - start < sub.length) return -1;
  const hay = s.slice(start, end);
  const i = rev ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  return i < 0 ? -1 : i + start;
}
def('find', (s, a) => (methodArgs('find', a, 1, 3), findImpl(s, a, false)));
def('rfind', (s, a) => (methodArgs('rfind', a, 1, 3), findImpl(s, a, true)));
def('index', (s, a) => {
  methodArgs('index', a, 1, 3);
  const i = findImpl(s, a, false);
  if (i < 0) throw new PyError('ValueError', 'substring not found');
  return i;
});
def('rindex', (s, a) => {
  methodArgs('rindex', a, 1, 3);
  const i = findImpl(s, a, true);
  if (i < 0) throw new PyError('ValueError', 'substring not found');
  return i;
});
def('count', (s, a) => {
  methodArgs('count', a, 1, 3);
  const sub = strArg(a[1], 'must be str, not');
  const start = a[2] === undefined || a[2] === null ? 0 : normIdx(intArg(a[2]), s.length);
  const end = a[3] === undefined || a[3] === null ? s.length : normIdx(intArg(a[3]), s.length);
  const hay = s.slice(start, end);
  if (sub === '') return hay.length + 1;
  return hay.split(sub).length - 1;
});
def('upper', (s) => s.toUpperCase());
def('lower', (s) => s.toLowerCase());
def('casefold', (s) => s.toLowerCase());
def('swapcase', (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
def('title', (s) => s.replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()));
def('capitalize', (s) => (s.length ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s));
const charTest = (name: string, re: RegExp): void => def(name, (s) => s.length > 0 && re.test(s));
charTest('isdigit', /^[0-9\u00b2\u00b3\u00b9\u0660-\u0669]+$/);
charTest('isdecimal', /^[0-9\u0660-\u0669]+$/);
charTest('isnumeric', /^[0-9\u00b2\u00b3\u00b9\u00bc-\u00be\u0660-\u0669]+$/);
charTest('isalpha', /^\p{L}+$/u);
charTest('isalnum', /^[\p{L}\p{N}]+$/u);
charTest('isspace', /^[\s\x1c-\x1f\x85]+$/);
def('isupper', (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s));
def('islower', (s) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s));
def('isidentifier', (s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s));
def('istitle', (s) => /\p{L}/u.test(s) && s.split(/[^\p{L}]+/u).filter(Boolean).every((w) => w[0] === w[0].toUpperCase() && w.slice(1) === w.slice(1).toLowerCase()));
def('isascii', (s) => /^[\x00-\x7f]*$/.test(s));
def('isprintable', (s) => !/[\x00-\x1f\x7f]/.test(s));
def('partition', (s, a) => {
  const sep = strArg(a[1], 'must be str, not');
  if (sep === '') throw new PyError('ValueError', 'empty separator');
  const i = s.indexOf(sep);
  return i < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
});
def('rpartition', (s, a) => {
  const sep = strArg(a[1], 'must be str, not');
  if (sep === '') throw new PyError('ValueError', 'empty separator');
  const i = s.lastIndexOf(sep);
  return i < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
});
def('removeprefix', (s, a) => (s.startsWith(strArg(a[1], 'removeprefix() argument')) ? s.slice((a[1] as string).length) : s));
def('removesuffix', (s, a) => {
  const x = strArg(a[1], 'removesuffix() argument');
  return x && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
});
def('zfill', (s, a) => {
  const w = intArg(a[1]);
  if (s.length >= w) return s;
  const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
  return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
});
function padArgs(name: string, a: PyValue[]): [number, string] {
  methodArgs(name, a, 1, 2);
  const w = intArg(a[1]);
  const fill = a[2] === undefined ? ' ' : strArg(a[2], `${name}() argument 2`);
  if ([...fill].length !== 1) throw new PyError('TypeError', 'The fill character must be exactly one character long');
  return [w, fill];
}
def('ljust', (s, a) => {
  const [w, c] = padArgs('ljust', a);
  return s.length >= w ? s : s + c.repeat(w - s.length);
});
def('rjust', (s, a) => {
  const [w, c] = padArgs('rjust', a);
  return s.length >= w ? s : c.repeat(w - s.length) + s;
});
def('center', (s, a) => {
  const [w, c] = padArgs('center', a);
  if (s.length >= w) return s;
  const marg = w - s.length;
  const left = Math.floor(marg / 2) + (marg & w & 1);
  return c.repeat(left) + s + c.repeat(marg - left);
});
def('expandtabs', (s, a) => {
  const ts = a[1] === undefined ? 8 : intArg(a[1]);
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = ts > 0 ? ts - (col % ts) : 0;
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
});
def('encode', () => {
  throw new PyError('NotImplementedError', 'str.encode is not supported (no bytes type)');
});
def('__len__', (s) => s.length);
def('__contains__', (s, a) => s.includes(strArg(a[1], "'in <string>' requires string as left operand, not")));
def('__getitem__', (s, a) => getitem(s, a[1]));
def('__str__', (s) => s);
def('__repr__', (s) => repr(s));
def('__format__', (s, a) => formatSpec({ kind: 'str', v: s }, a[1] as string));
def('__mod__', (s, a) => strPercent(s, a[1]));
def('__add__', (s, a) => (typeof a[1] === 'string' ? s + a[1] : (NotImplementedRef.v as PyValue)));
import { NotImplemented } from '../object';
const NotImplementedRef = { v: NotImplemented };

// ---- str.format --------------------------------------------------------------------------------

def('format', (s, a, kw) => strFormat(s, a.slice(1), kw));
def('format_map', (s, a) => strFormat(s, [], null, a[1] instanceof PyDict ? a[1] : null));

/** str.format: `{}` / `{0}` / `{name}` fields with `.attr` / `[key]`, `!r`, and nested specs. */
export async function strFormat(fmt: string, args: PyValue[], kw: KwArgs, mapping: PyDict | null = null): Promise<string> {
  let out = '';
  let auto = 0;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i];
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (j >= n) throw new PyError('ValueError', "expected '}' before end of string");
      const field = fmt.slice(i + 1, j);
      out += await formatField(field);
      i = j + 1;
      continue;
    }
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw new PyError('ValueError', "Single '}' encountered in format string");
    }
    out += c;
    i++;
  }
  return out;

  async function formatField(field: string): Promise<string> {
    let spec = '';
    let conv: string | null = null;
    let nameEnd = field.length;
    let k = 0;
    let brack = 0;
    for (; k < field.length; k++) {
      const ch = field[k];
      if (ch === '[') brack++;
      else if (ch === ']') brack--;
      else if (brack === 0 && (ch === '!' || ch === ':')) break;
    }
    nameEnd = k;
    if (field[k] === '!') {
      conv = field[k + 1];
      k += 2;
      if (k < field.length && field[k] !== ':') throw new PyError('ValueError', 'expected \':\' after conversion specifier');
    }
    if (field[k] === ':') spec = field.slice(k + 1);
    if (spec.includes('{')) spec = await strFormat(spec, args, kw, mapping);
    const name = field.slice(0, nameEnd);
    const m = /^([^.[]*)(.*)$/.exec(name)!;
    let v: PyValue;
    const first = m[1];
    if (first === '') {
      if (auto < 0) throw new PyError('ValueError', 'cannot switch from manual field specification to automatic field numbering');
      if (auto >= args.length) throw new PyError('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
      v = args[auto++];
    } else if (/^\d+$/.test(first)) {
      if (auto > 0) throw new PyError('ValueError', 'cannot switch from automatic field numbering to manual field specification');
      auto = -1;
      const idx = Number(first);
      if (idx >= args.length) throw new PyError('IndexError', `Replacement index ${idx} out of range for positional args tuple`);
      v = args[idx];
    } else {
      const got = mapping ? mapping.get(first) : kw?.get(first);
      if (got === undefined) throw new PyError('KeyError', `'${first}'`, [first]);
      v = got;
    }
    let rest = m[2];
    while (rest.length) {
      const am = /^\.(\w+)/.exec(rest);
      if (am) {
        v = await loadAttrHook.load(v, am[1]);
        rest = rest.slice(am[0].length);
        continue;
      }
      const km = /^\[([^\]]*)\]/.exec(rest);
      if (km) {
        const key = /^\d+$/.test(km[1]) ? Number(km[1]) : km[1];
        v = await getitem(v, key);
        rest = rest.slice(km[0].length);
        continue;
      }
      throw new PyError('ValueError', 'Only \'.\' or \'[\' may follow \']\' in format field specifier');
    }
    if (conv === 'r') v = await repr(v);
    else if (conv === 's') v = await str(v);
    else if (conv === 'a') v = asciiOf(await repr(v));
    else if (conv !== null) throw new PyError('ValueError', `Unknown conversion specifier ${conv}`);
    return formatValue(v, spec);
  }
}

// ---- printf-style % -------------------------------------------------------------------------

export async function strPercent(fmt: string, arg: PyValue): Promise<string> {
  const args = arg instanceof PyTuple ? [...arg.items] : [arg];
  const dict = arg instanceof PyDict ? arg : null;
  let ai = 0;
  let out = '';
  const re = /%(\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const next = (): PyValue => {
    if (ai >= args.length) throw new PyError('TypeError', 'not enough arguments for format string');
    return args[ai++];
  };
  while ((m = re.exec(fmt))) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, , key, flags, w, p, type] = m;
    if (type === '%' && !key && !flags && !w && !p) {
      out += '%';
      continue;
    }
    const v = key !== undefined ? dict ? (dict.get(key) ?? (() => { throw new PyError('KeyError', `'${key}'`, [key]); })()) : next() : next();
    const width = w === '*' ? Number(next()) : w ? Number(w) : -1;
    const prec = p === '*' ? Number(next()) : p !== undefined ? Number(p) : -1;
    let body: string;
    let numeric = true;
    switch (type) {
      case 's': body = await str(v); numeric = false; break;
      case 'r': body = await repr(v); numeric = false; break;
      case 'a': body = asciiOf(await repr(v)); numeric = false; break;
      case 'c': body = typeof v === 'string' ? v : String.fromCodePoint(Number(v)); numeric = false; break;
      case 'd': case 'i': case 'u': {
        const x = asFloat(v);
        if (x === undefined) throw new PyError('TypeError', `%${type} format: a real number is required, not ${typeOf(v).name}`);
        body = formatSpec({ kind: 'int', v: typeof v === 'bigint' ? v : Math.trunc(x) }, 'd');
        break;
      }
      default: {
        const x = asFloat(v);
        if (x === undefined) throw new PyError('TypeError', `must be real number, not ${typeOf(v).name}`);
        if ('oxX'.includes(type)) body = formatSpec({ kind: 'int', v: typeof v === 'bigint' ? v : Math.trunc(x) }, (flags.includes('#') ? '#' : '') + type);
        else body = formatSpec({ kind: 'float', v: x }, (flags.includes('#') ? '#' : '') + '.' + (prec < 0 ? 6 : prec) + type);
      }
    }
    if (!numeric && prec >= 0) body = body.slice(0, prec);
    if (numeric) {
      if (flags.includes('+') && !body.startsWith('-')) body = '+' + body;
      else if (flags.includes(' ') && !body.startsWith('-')) body = ' ' + body;
    }
    if (width > body.length) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && numeric) {
        const sign = /^[-+ ]/.test(body) ? body[0] : '';
        body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
      } else body = body.padStart(width);
    }
    out += body;
  }
  out += fmt.slice(last);
  if (ai < args.length && !dict) throw new PyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}
opHooks.strMod = strPercent;
