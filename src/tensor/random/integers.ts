// Integer-valued samplers: torch.randint / Tensor.random_(from, to) / random_(to), random_()
// without bounds, and randperm (RNG.md §4). Bounds are int64 in torch; here they are number or
// bigint, and 64-bit modulo work happens in BigInt only where a draw is 64 bits wide. Results are
// written into the destination storage of any dtype, converted as torch's static_cast does.

import type { DType, StorageArray } from '../dtype';
import { isFloating } from '../dtype';
import { PyError } from '../../errors';
import type { Generator } from './generator';
import { roundBF16, roundF16 } from './narrow_float';
import { offsetList, type Offsets } from './offsets';
import { emitRngWarning } from './warnings';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const TWO_32 = 1n << 32n;
const TWO_53 = 2 ** 53;

/** std::numeric_limits<T>::digits of each float dtype. */
const DIGITS: Partial<Record<DType, number>> = { float32: 24, float64: 53, float16: 11, bfloat16: 8 };

/** torch's name for a dtype in random_ range messages (caffe2 TypeMeta names). */
const TYPE_META_NAME: Record<DType, string> = {
  float32: 'float',
  float64: 'double',
  float16: 'c10::Half',
  bfloat16: 'c10::BFloat16',
  int64: 'long int',
  int32: 'int',
  int16: 'short int',
  int8: 'signed char',
  uint8: 'unsigned char',
  bool: 'bool',
};

/** [lowest, max] of each dtype as int64 bounds for check_from_to_in_range. */
function dtypeBounds(d: DType): [number, number] {
  switch (d) {
    case 'float32':
      return [-3.4028234663852886e38, 3.4028234663852886e38];
    case 'float64':
      return [-Number.MAX_VALUE, Number.MAX_VALUE];
    case 'float16':
      return [-65504, 65504];
    case 'bfloat16':
      return [-3.3895313892515355e38, 3.3895313892515355e38];
    case 'int64':
      return [-(2 ** 63), 2 ** 63];
    case 'int32':
      return [-(2 ** 31), 2 ** 31 - 1];
    case 'int16':
      return [-32768, 32767];
    case 'int8':
      return [-128, 127];
    case 'uint8':
      return [0, 255];
    case 'bool':
      return [0, 1];
  }
}

/** Cast a value through float dtype `d` as C++ static_cast<scalar_t>(int64) does. */
function castThroughFloat(v: bigint, d: DType): number {
  if (d === 'float64') return Number(v); // BigInt→Number rounds to nearest, ties to even
  const f = bigintToF32(v);
  return d === 'float16' ? roundF16(f) : d === 'bfloat16' ? roundBF16(f) : f;
}

/** int64 → float32 with one correct rounding (a plain Number() first would double-round). */
function bigintToF32(v: bigint): number {
  const a = v < 0n ? -v : v;
  if (a < 1n << 53n) return Math.fround(Number(v));
  // Keep 53 bits plus a sticky bit: rounding that to 24 bits is then correct.
  const s = a.toString(2).length - 53;
  let t = a >> BigInt(s);
  if ((a & ((1n << BigInt(s)) - 1n)) !== 0n) t |= 1n;
  const r = Math.fround(Number(t) * 2 ** s);
  return v < 0n ? -r : r;
}

/** static_cast<int64_t>(float) as x86 computes it: NaN, ±Inf and out-of-range values give the
 * "integer indefinite" value INT64_MIN (cvttss2si), e.g. for a float16 bound that overflowed. */
function floatToInt64(x: number): bigint {
  if (!Number.isFinite(x) || x >= 2 ** 63 || x < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

/** torch's update_from: nudge `from` up where float(from + 1) rounds below from. */
function updateFrom(from: bigint, d: DType): bigint {
  const fromPlus1 = floatToInt64(castThroughFloat(from + 1n, d));
  if (fromPlus1 < from) {
    const a = from + 1n < 0n ? -(from + 1n) : from + 1n;
    const n = a.toString(2).length - 1;
    from = fromPlus1 + (1n << BigInt(n - DIGITS[d]! + 1));
  }
  return from;
}

/** torch's update_to: pull `to` down where float(to - 1) rounds up to >= to. */
function updateTo(to: bigint, d: DType): bigint {
  const toMinus1 = floatToInt64(castThroughFloat(to - 1n, d));
  if (toMinus1 >= to) {
    const a = to - 1n < 0n ? -(to - 1n) : to - 1n;
    const n = a.toString(2).length - 1;
    to = toMinus1 - (1n << BigInt(n - DIGITS[d]! + 1));
  }
  return to;
}

function checkFromToInRange(from: bigint, toInc: bigint, d: DType): void {
  const [min, max] = dtypeBounds(d);
  const name = TYPE_META_NAME[d];
  const inRange = (v: bigint) => Number(v) >= min && (d === 'int64' || Number(v) <= max);
  if (!inRange(from)) throw new PyError('RuntimeError', `from is out of bounds for ${name}`);
  if (!inRange(toInc)) throw new PyError('RuntimeError', `to - 1 is out of bounds for ${name}`);
  if (isFloating(d)) {
    const digits = DIGITS[d]!;
    const lim = 1n << BigInt(digits);
    // TORCH_WARN appends where it fired; lines 111/112 of torch 2.6's DistributionTemplates.h.
    for (const [v, label, line] of [
      [from, 'from', 111],
      [toInc, 'to - 1', 112],
    ] as const) {
      if (v < -lim || v > lim) {
        emitRngWarning(
          'UserWarning',
          `${label} is out of bounds [-(2^${digits}), 2^${digits}]. Due to precision limitations ${name} can support discrete uniform distribution only within this range. This warning will become an error in version 1.7 release, please fix the code in advance (Triggered internally at ./aten/src/ATen/native/DistributionTemplates.h:${line}.)`,
        );
      }
    }
  }
}

/** Writes int64 values into storage of any dtype (static_cast semantics). */
function makeStore(out: StorageArray, d: DType): (k: number, v: bigint | number) => void {
  if (out instanceof BigInt64Array) return (k, v) => (out[k] = BigInt.asIntN(64, BigInt(v)));
  if (d === 'bool') return (k, v) => (out[k] = v !== 0 && v !== 0n ? 1 : 0);
  if (isFloating(d)) {
    return (k, v) => {
      if (typeof v === 'bigint' || Math.abs(v) >= TWO_53) out[k] = castThroughFloat(BigInt(v), d);
      else out[k] = d === 'float64' ? v : d === 'float16' ? roundF16(v) : d === 'bfloat16' ? roundBF16(v) : v;
    };
  }
  // Int32/Int16/Int8/Uint8 arrays wrap modulo 2^bits on store, exactly like the C++ truncation.
  return (k, v) => (out[k] = typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : v);
}

/** Draw `n` values `base + (draw % range)` (range as uint64 ≥ 1) into the destination. */
function fillFromTo(
  gen: Generator,
  d: DType,
  out: StorageArray,
  range: bigint,
  base: bigint,
  idx: ArrayLike<number> | undefined,
): void {
  const n = idx ? idx.length : out.length;
  const store = makeStore(out, d);
  const wide = (d === 'int64' || d === 'float32' || d === 'float64' || d === 'bfloat16') && range >= TWO_32;
  if (wide) {
    for (let k = 0; k < n; k++) store(idx ? idx[k] : k, BigInt.asIntN(64, (gen.random64() % range) + base));
    return;
  }
  if (base >= -(1n << 52n) && base <= 1n << 52n) {
    // Everything fits in a double exactly: the hot path for randint(0, 10, ...) and friends.
    const r = Number(range);
    const b = Number(base);
    if (out instanceof BigInt64Array) {
      for (let k = 0; k < n; k++) out[idx ? idx[k] : k] = BigInt((gen.random() % r) + b);
    } else if (d === 'float32' || d === 'float64') {
      for (let k = 0; k < n; k++) out[idx ? idx[k] : k] = (gen.random() % r) + b; // exact < 2^53
    } else {
      for (let k = 0; k < n; k++) store(idx ? idx[k] : k, (gen.random() % r) + b);
    }
    return;
  }
  for (let k = 0; k < n; k++) store(idx ? idx[k] : k, BigInt.asIntN(64, (BigInt(gen.random()) % range) + base));
}

/**
 * Tensor.random_(from, to) / torch.randint(low, high): values in [from, to). With `to === null`
 * this is random_(from, None): [from, max of dtype]. Bounds are Python ints (number or bigint).
 */
export function randomFromTo_(
  gen: Generator,
  dtype: DType,
  out: StorageArray,
  from: number | bigint,
  to: number | bigint | null,
  offsets?: Offsets,
): void {
  let f = BigInt(from);
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  if (to !== null) {
    let t = BigInt(to);
    if (!(f < t)) {
      throw new PyError('RuntimeError', `random_ expects 'from' to be less than 'to', but got from=${f} >= to=${t}`);
    }
    if (isFloating(dtype)) {
      f = updateFrom(f, dtype);
      t = updateTo(t, dtype);
      if (!(f < t)) {
        throw new PyError(
          'RuntimeError',
          `random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${f} >= to=${t}`,
        );
      }
    }
    checkFromToInRange(f, t - 1n, dtype);
    if (n === 0) return;
    fillFromTo(gen, dtype, out, BigInt.asUintN(64, t - f), f, idx);
    return;
  }
  if (f !== INT64_MIN) {
    let toInc: bigint;
    if (isFloating(dtype)) {
      const max = 1n << BigInt(DIGITS[dtype]!);
      toInc = max > INT64_MAX ? INT64_MAX : max;
      f = updateFrom(f, dtype);
      if (!(f < toInc)) {
        throw new PyError(
          'RuntimeError',
          `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${f} > to_inc=${toInc}`,
        );
      }
    } else {
      toInc = BigInt(dtypeBounds(dtype)[1]);
      if (dtype === 'int64') toInc = INT64_MAX;
    }
    checkFromToInRange(f, toInc, dtype);
    if (n === 0) return;
    fillFromTo(gen, dtype, out, BigInt.asUintN(64, toInc - f + 1n), f, idx);
    return;
  }
  // [int64 min, int64 max]: the full 64-bit range, one random64() each, reinterpreted.
  if (dtype !== 'int64' && dtype !== 'float64' && dtype !== 'float32' && dtype !== 'bfloat16') {
    throw new PyError('RuntimeError', 'random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16');
  }
  const store = makeStore(out, dtype);
  for (let k = 0; k < n; k++) store(idx ? idx[k] : k, BigInt.asIntN(64, gen.random64()));
}

/** Tensor.random_() without bounds (RNG.md §4.2 and its integer/narrow-float analogues). */
export function random_(gen: Generator, dtype: DType, out: StorageArray, offsets?: Offsets): void {
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  const at = (k: number) => (idx ? idx[k] : k);
  switch (dtype) {
    case 'int64': {
      const o = out as BigInt64Array;
      for (let k = 0; k < n; k++) o[at(k)] = gen.random64() & INT64_MAX;
      return;
    }
    case 'float64': {
      const m = (1n << 53n) + 1n;
      for (let k = 0; k < n; k++) out[at(k)] = Number(gen.random64() % m);
      return;
    }
    case 'bool':
      for (let k = 0; k < n; k++) out[at(k)] = gen.random() & 1;
      return;
    default: {
      // 32-bit draw modulo (max + 1) for integers, (2^digits + 1) for float32/16/bfloat16.
      const m = isFloating(dtype) ? 2 ** DIGITS[dtype]! + 1 : dtypeBounds(dtype)[1] + 1;
      for (let k = 0; k < n; k++) out[at(k)] = gen.random() % m;
    }
  }
}

/** Below this n, randperm uses the 32-bit swap shuffle; from it on, 64-bit inside-out. */
export const RANDPERM_SMALL_LIMIT = Math.floor(0xffffffff / 20);

/** torch.randperm(n) as plain numbers (exact for every n a browser can hold). */
export function randperm(gen: Generator, n: number): Float64Array {
  if (n < 0) throw new PyError('RuntimeError', `Trying to create tensor with negative dimension ${n}: [${n}]`);
  const r = new Float64Array(n);
  if (n < RANDPERM_SMALL_LIMIT) {
    for (let i = 0; i < n; i++) r[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = gen.random() % (n - i);
      const sav = r[i];
      r[i] = r[i + z];
      r[i + z] = sav;
    }
    return r;
  }
  for (let i = 0; i < n; i++) {
    const z = gen.random64Mod32(i + 1);
    r[i] = r[z];
    r[z] = i;
  }
  return r;
}

/** torch.randperm(n, dtype=...) written into storage of that dtype. */
export function randperm_(gen: Generator, dtype: DType, out: StorageArray): void {
  const p = randperm(gen, out.length);
  const store = makeStore(out, dtype);
  for (let i = 0; i < p.length; i++) store(i, p[i]);
}
