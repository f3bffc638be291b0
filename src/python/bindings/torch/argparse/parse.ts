// PythonArgParser: matches a Python call against a function's overloads the way PyTorch's C++
// binding layer does (FunctionSignature::parse / FunctionParameter::check in
// python_arg_parser.cpp), then hands the binding a ParsedArgs with typed accessors. Overloads are
// tried in order; with a single signature its own precise error is raised ("argument 'other'
// (position 2) must be Tensor, not str"); with several, the one plausible signature by argument
// count raises its precise error, else the "invalid combination of arguments" listing
// (invalid.ts). The quirks are PyTorch's and kept on purpose (e.g. "missing 1 required positional
// arguments", an int-list checked on its first element only).

import { PyError } from '../../../../errors';
import { Tensor, isFloating, isIntegral, type Scalar } from '../../../../tensor';
import { Builtins, type KwArgs, PyFloat, PyList, PyTuple, type PyValue } from '../../../object';
import { tpName } from '../tpname';
import { TorchDevice, NamedSingleton, MemoryFormatType, LayoutType } from '../types/device';
import { TorchDtype } from '../types/dtype';
import { TorchGenerator } from '../types/generator';
import { formatInvalidArgs } from './invalid';
import { FunctionParameter, FunctionSignature } from './signature';

/** torch::TypeError formats into a 1024-byte buffer (python_arg_parser's formatMessage), so long
 * messages end after 1023 characters, exactly as PyTorch's do. */
export const typeError = (msg: string): PyError => new PyError('TypeError', msg.length > 1023 ? msg.slice(0, 1023) : msg);

const isPyInt = (v: PyValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
const isPyNumber = (v: PyValue): boolean => isPyInt(v) || typeof v === 'boolean' || v instanceof PyFloat;
const isSeq = (v: PyValue): v is PyTuple | PyList => v instanceof PyTuple || v instanceof PyList;
const seqItems = (v: PyTuple | PyList): readonly PyValue[] => v.items;

/** is_int_or_symint: an int (not bool), or a one-element integral tensor (it has __index__). */
function isIntOrSymint(v: PyValue): boolean {
  if (isPyInt(v)) return true;
  if (v instanceof Tensor) return v.numel() === 1 && isIntegral(v.dtype, true);
  return false;
}

/** is_int_or_symint_list: PyTorch looks at the first element only; the rest fail at unpacking. */
function isIntOrSymintList(v: PyValue, broadcastSize: number, failed: { idx: number }): boolean {
  if (isSeq(v)) {
    const items = seqItems(v);
    if (items.length === 0) return true;
    if (isIntOrSymint(items[0])) return true;
    failed.idx = 0;
    return false;
  }
  return broadcastSize > 0 && isIntOrSymint(v);
}

/** FunctionParameter::check. May throw for tensor lists (PyTorch does, even while probing). */
function check(p: FunctionParameter, v: PyValue, argnum: number, failed: { idx: number }): boolean {
  switch (p.type) {
    case 'TENSOR':
      if (v instanceof Tensor) return true;
      return p.allowNumbersAsTensors && isPyNumber(v);
    case 'SCALAR':
    case 'COMPLEX':
    case 'DOUBLE':
      if (isPyNumber(v)) return true;
      return v instanceof Tensor && !v.requiresGrad && v.ndim === 0;
    case 'INT64':
    case 'SYM_INT':
      if (isPyInt(v)) return true;
      return v instanceof Tensor && isIntegral(v.dtype, false) && !v.requiresGrad && v.ndim === 0;
    case 'BOOL':
      return typeof v === 'boolean';
    case 'INT_LIST':
      if (isSeq(v)) return isIntOrSymintList(v, p.size, failed);
      return p.size > 0 && isPyInt(v);
    case 'SYM_INT_LIST':
      return isIntOrSymintList(v, p.size, failed);
    case 'FLOAT_LIST':
      if (isSeq(v)) return v.items.length === 0 || isPyNumber(v.items[0]);
      return p.size > 0 && isPyNumber(v);
    case 'SCALAR_LIST':
      return isSeq(v) && v.items.every(isPyNumber);
    case 'TENSOR_LIST': {
      if (!isSeq(v)) return false;
      v.items.forEach((x, i) => {
        if (!(x instanceof Tensor)) throw typeError(`expected Tensor as element ${i} in argument ${argnum}, but got ${tpName(x)}`);
      });
      return true;
    }
    case 'GENERATOR':
      return v instanceof TorchGenerator;
    case 'SCALARTYPE':
      return v instanceof TorchDtype || v === Builtins.float || v === Builtins.int || v === Builtins.bool;
    case 'LAYOUT':
      return v instanceof NamedSingleton && v.cls === LayoutType;
    case 'MEMORY_FORMAT':
      return v instanceof NamedSingleton && v.cls === MemoryFormatType;
    case 'DEVICE':
      return isPyInt(v) || typeof v === 'string' || v instanceof TorchDevice;
    case 'STRING':
      return typeof v === 'string';
    case 'DIMNAME':
      return v === null || typeof v === 'string';
    case 'DIMNAME_LIST':
      if (isSeq(v)) return v.items.length === 0 || v.items[0] === null || typeof v.items[0] === 'string';
      return p.size === 1 && (v === null || typeof v === 'string');
    case 'PYOBJECT':
      return true;
    default:
      return false;
  }
}

function kwGet(kwargs: KwArgs, p: FunctionParameter): PyValue | undefined {
  if (kwargs === null) return undefined;
  if (kwargs.has(p.name)) return kwargs.get(p.name);
  for (const a of p.aliases) if (kwargs.has(a)) return kwargs.get(a);
  return undefined;
}

/** What a matched call bound to: one slot per parameter (undefined = not given, or None). */
export type Slots = (PyValue | undefined)[];

/** FunctionSignature::parse. Returns the slots, or null when it does not match (raise=false). */
export function parseSignature(sig: FunctionSignature, args: readonly PyValue[], kwargs: KwArgs, raise: boolean): Slots | null {
  const nargs = args.length;
  let remainingKwargs = kwargs?.size ?? 0;
  const params = sig.params;
  const allowVarargsIntlist =
    sig.maxPosArgs === 1 && (params[0].type === 'INT_LIST' || params[0].type === 'SYM_INT_LIST');
  if (nargs > sig.maxPosArgs && !allowVarargsIntlist) {
    if (raise) extraArgs(sig, nargs);
    return null;
  }
  const dst: Slots = [];
  let argPos = 0;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    let obj: PyValue | undefined;
    let isKwd = false;
    if (argPos < nargs) {
      if (p.keywordOnly) {
        if (raise) extraArgs(sig, nargs);
        return null;
      }
      obj = args[argPos];
    } else {
      obj = kwGet(kwargs, p);
      isKwd = true;
    }
    const failed = { idx: -1 };
    const varargsEligible = allowVarargsIntlist && argPos === 0 && !isKwd;
    if ((obj === undefined && p.optional) || (obj === null && p.allowNone)) {
      dst.push(undefined);
    } else if (obj === undefined) {
      if (raise) missingArgs(sig, i);
      return null;
    } else if (check(p, obj, i, failed)) {
      dst.push(obj);
    } else if (varargsEligible && isIntOrSymintList(new PyTuple(args), p.size, failed)) {
      dst.push(new PyTuple(args));
      argPos = nargs;
      continue;
    } else if (raise) {
      if (isKwd) throw typeError(`${sig.name}(): argument '${p.name}' must be ${p.typeName()}, not ${tpName(obj)}`);
      if (failed.idx !== -1) {
        const seq = isSeq(obj) ? obj : new PyTuple(args);
        throw typeError(
          `${sig.name}(): argument '${p.name}' (position ${argPos + 1}) must be ${p.typeName()}, but found element of type ${tpName(seqItems(seq)[failed.idx])} at pos ${failed.idx}`,
        );
      }
      throw typeError(`${sig.name}(): argument '${p.name}' (position ${argPos + 1}) must be ${p.typeName()}, not ${tpName(obj)}`);
    } else {
      return null;
    }
    if (!isKwd) argPos++;
    else if (obj !== undefined) remainingKwargs--;
  }
  if (remainingKwargs > 0) {
    if (raise) extraKwargs(sig, kwargs!, nargs);
    return null;
  }
  return dst;
}

function extraArgs(sig: FunctionSignature, nargs: number): never {
  if (sig.minArgs !== sig.maxPosArgs) {
    throw typeError(`${sig.name}() takes from ${sig.minArgs} to ${sig.maxPosArgs} positional arguments but ${nargs} were given`);
  }
  throw typeError(
    `${sig.name}() takes ${sig.maxPosArgs} positional argument${sig.maxPosArgs === 1 ? '' : 's'} but ${nargs} ${nargs === 1 ? 'was' : 'were'} given`,
  );
}

function missingArgs(sig: FunctionSignature, idx: number): never {
  const names = sig.params.slice(idx).filter((p) => !p.optional).map((p) => `"${p.name}"`);
  // PyTorch's own pluralisation, inverted on purpose: "1 required positional arguments".
  throw typeError(`${sig.name}() missing ${names.length} required positional argument${names.length === 1 ? 's' : ''}: ${names.join(', ')}`);
}

function extraKwargs(sig: FunctionSignature, kwargs: Map<string, PyValue>, nargs: number): never {
  for (const key of kwargs.keys()) {
    const idx = sig.params.findIndex((p) => p.name === key || p.aliases.includes(key));
    if (idx < 0) throw typeError(`${sig.name}() got an unexpected keyword argument '${key}'`);
    if (idx < nargs) throw typeError(`${sig.name}() got multiple values for argument '${key}'`);
  }
  throw typeError('invalid keyword arguments');
}

/** One function's overloads (PythonArgParser). */
export class ArgParser {
  readonly signatures: FunctionSignature[];
  readonly name: string;
  constructor(fmts: readonly string[]) {
    this.signatures = fmts.map((f, i) => new FunctionSignature(f, i));
    this.name = this.signatures[0].name;
  }

  parse(args: readonly PyValue[], kwargs: KwArgs): ParsedArgs {
    if (kwargs !== null && kwargs.size === 0) kwargs = null;
    if (this.signatures.length === 1) {
      const s = this.signatures[0];
      return new ParsedArgs(s, parseSignature(s, args, kwargs, true)!);
    }
    for (const s of this.signatures) {
      const r = parseSignature(s, args, kwargs, false);
      if (r !== null) return new ParsedArgs(s, r);
    }
    return this.printError(args, kwargs);
  }

  private printError(args: readonly PyValue[], kwargs: KwArgs): never {
    const n = args.length + (kwargs?.size ?? 0);
    const plausible = this.signatures.filter((s) => n >= s.minArgs && n <= s.maxArgs && !s.hidden);
    if (plausible.length === 1) parseSignature(plausible[0], args, kwargs, true);
    const options = this.signatures.filter((s) => !s.hidden).map((s) => s.toString());
    throw typeError(formatInvalidArgs(args, kwargs, `${this.name}()`, options));
  }
}

/** The matched overload and its bound slots, with PythonArgs-style typed accessors. */
type Key = number | string;

export class ParsedArgs {
  constructor(
    readonly sig: FunctionSignature,
    readonly slots: Slots,
  ) {}

  /** Slot index of a parameter by position or name (-1 if this overload has no such name). */
  private at(k: Key): number {
    return typeof k === 'number' ? k : this.sig.params.findIndex((p) => p.name === k);
  }
  /** Does the matched overload have this parameter at all? */
  hasParam(name: string): boolean {
    return this.at(name) >= 0;
  }
  get idx(): number {
    return this.sig.index;
  }
  has(k: Key): boolean {
    return this.slots[this.at(k)] !== undefined;
  }
  raw(k: Key): PyValue | undefined {
    return this.slots[this.at(k)];
  }
  private dflt(i: number): PyValue {
    if (i < 0) return null;
    return parseDefault(this.sig.params[i]);
  }

  tensor(k: Key): Tensor {
    const v = this.slots[this.at(k)];
    if (v instanceof Tensor) return v;
    throw new PyError('TypeError', `${this.sig.name}(): argument '${this.sig.params[this.at(k)].name}' must be Tensor`);
  }
  optTensor(k: Key): Tensor | null {
    const v = this.slots[this.at(k)];
    return v instanceof Tensor ? v : null;
  }
  /** A Tensor parameter that also accepts numbers (allow_numbers_as_tensors). */
  tensorOrScalar(k: Key): Tensor | Scalar {
    const v = this.slots[this.at(k)];
    if (v instanceof Tensor) return v;
    return toScalar(v ?? null);
  }
  scalar(k: Key): Scalar {
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    return toScalar(v);
  }
  optScalar(k: Key): Scalar | null {
    const v = this.slots[this.at(k)];
    return v === undefined ? null : toScalar(v);
  }
  int(k: Key): number {
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    return toInt(v);
  }
  optInt(k: Key): number | null {
    const v = this.slots[this.at(k)];
    return v === undefined ? null : toInt(v);
  }
  double(k: Key): number {
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    return toDouble(v);
  }
  optDouble(k: Key): number | null {
    const v = this.slots[this.at(k)];
    return v === undefined ? null : toDouble(v);
  }
  bool(k: Key): boolean {
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    return v === true;
  }
  string(k: Key): string {
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    return v as string;
  }
  optString(k: Key): string | null {
    const v = this.slots[this.at(k)];
    return v === undefined ? null : (v as string);
  }
  /** An int list (PythonArgs::intlist): a sequence, varargs, or a broadcast single int. */
  intlist(k: Key): number[] {
    const p = this.sig.params[this.at(k)];
    const v = this.slots[this.at(k)] ?? this.dflt(this.at(k));
    if (v === null) return [];
    if (!isSeq(v)) return new Array<number>(Math.max(p.size, 1)).fill(toInt(v));
    return v.items.map((x, k) => {
      if (isPyInt(x)) return Number(x);
      if (x instanceof Tensor && x.numel() === 1 && isIntegral(x.dtype, false)) return Number(x.item());
      throw typeError(
        `${this.sig.name}(): argument '${p.name}' failed to unpack the object at pos ${k + 1} with error "type must be tuple of ints,but got ${tpName(x)}"`,
      );
    });
  }
  optIntlist(k: Key): number[] | null {
    return this.slots[this.at(k)] === undefined ? null : this.intlist(k);
  }
  tensorlist(k: Key): Tensor[] {
    const v = this.slots[this.at(k)] as PyTuple | PyList;
    return v.items as Tensor[];
  }
  dtype(k: Key): TorchDtype | null {
    const v = this.slots[this.at(k)];
    if (v === undefined) return null;
    if (v instanceof TorchDtype) return v;
    return null; // the Python types float/int/bool are mapped by toEngineDtype at the call site
  }
  /** The raw dtype-like argument (torch.dtype or Python float/int/bool type), or null. */
  dtypeArg(k: Key): PyValue | null {
    return this.slots[this.at(k)] ?? null;
  }
  generator(k: Key): TorchGenerator | null {
    const v = this.slots[this.at(k)];
    return v instanceof TorchGenerator ? v : null;
  }
}

// ---- conversions ----------------------------------------------------------------------------

/** A Python number (or 0-d tensor) as an engine scalar: PyFloat already satisfies BoxedFloat. */
export function toScalar(v: PyValue): Scalar {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v;
  if (v instanceof Tensor) {
    const x = v.item();
    return isFloating(v.dtype) ? new PyFloat(Number(x)) : x;
  }
  throw typeError(`expected a number, got ${tpName(v)}`);
}

export function toInt(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Tensor) return Number(v.item());
  throw typeError(`expected an int, got ${tpName(v)}`);
}

export function toDouble(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof Tensor) return Number(v.item());
  throw typeError(`expected a float, got ${tpName(v)}`);
}

/** A parameter's default as a Python value (the C++ default the parser would fill in). */
function parseDefault(p: FunctionParameter): PyValue {
  const s = p.defaultStr;
  if (s === null || s === 'None') return null;
  if (s === 'True' || s === 'true') return true;
  if (s === 'False' || s === 'false') return false;
  if (/^".*"$/.test(s) || /^'.*'$/.test(s)) return s.slice(1, -1);
  if (/^\[.*\]$/.test(s) || /^\{.*\}$/.test(s)) {
    const inner = s.slice(1, -1).trim();
    return new PyTuple(inner === '' ? [] : inner.split(',').map((x) => Number(x.trim())));
  }
  if (/^-?\d+$/.test(s)) {
    if (p.type === 'DOUBLE') return new PyFloat(Number(s));
    return Number(s);
  }
  if (/^-?[\d.]+(e[-+]?\d+)?$/i.test(s)) return new PyFloat(Number(s));
  if (s === 'contiguous_format' || s === 'at::MemoryFormat::Contiguous') return null;
  return s;
}
