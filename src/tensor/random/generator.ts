// The random engine under every torch-parity sampler: PyTorch's CPU generator, an mt19937 seeded
// the way torch seeds it, plus the one-double Box–Muller cache and the 5056-byte state layout of
// torch.get_rng_state(). Samplers in this folder draw only through `random()` (one uint32) and
// the 53/24-bit uniform helpers built on `random64()`; the interpreter's torch.Generator /
// torch.manual_seed / get_rng_state bindings wrap this class directly. See RNG.md §1.

import { PyError } from '../../errors';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** The initial seed of `torch.Generator()` before any manual_seed (0x3D30F19CD101). */
export const DEFAULT_GENERATOR_SEED = 67280421310721n;
/** Size in bytes of `get_rng_state()` / `Generator.get_state()`. */
export const RNG_STATE_SIZE = 5056;
const LEGACY_STATE_SIZE = 5048;

const TWO_64 = 1n << 64n;
const TWO_M24 = 2 ** -24;
const TWO_M53 = 2 ** -53;

/** Validate a Python int seed and reduce it to its unsigned 64-bit value (two's complement). */
export function normalizeSeed(seed: number | bigint): bigint {
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new PyError('RuntimeError', 'manual_seed expected a long, but got float');
    seed = BigInt(seed);
  }
  if (seed < -(1n << 63n) || seed >= TWO_64) throw new PyError('RuntimeError', 'Overflow when unpacking long');
  return seed < 0n ? seed + TWO_64 : seed;
}

/** Every generator still reachable (weakly held: a dropped torch.Generator() is not kept alive). */
const liveGenerators = new Set<WeakRef<Generator>>();

/** A generator position to come back to (Generator.mark). */
export interface GeneratorMark {
  left: number;
  next: number;
  normalCache: number | null;
  floatNormalCache: number | null;
  seed64: bigint;
  /** The state words, saved by the first twist or reseed after the mark. */
  st: Uint32Array | null;
}

export class Generator {
  private readonly st = new Uint32Array(N);
  /** torch's `left_`: draws remaining before the next twist, plus one. */
  private left = 1;
  /** torch's `next_`: index of the next state word to temper. */
  private next = 0;
  private seed64 = 0n;
  /** Second value of the last scalar Box–Muller pair (a double), or null. RNG.md §1.4. */
  normalCache: number | null = null;
  /** torch's float-normal cache: kept only so state bytes round-trip; no CPU sampler uses it. */
  floatNormalCache: number | null = null;

  constructor(seed: number | bigint = DEFAULT_GENERATOR_SEED) {
    this.manualSeed(seed);
    liveGenerators.add(new WeakRef(this));
  }

  /** Generator.manual_seed / torch.manual_seed. Range [-2^63, 2^64); only the low 32 bits of
   * the seed reach the mt19937 state. Clears the normal cache. Returns this (like torch). */
  manualSeed(seed: number | bigint): this {
    this.saveForMarks();
    const s = normalizeSeed(seed);
    this.seed64 = s;
    const st = this.st;
    st[0] = Number(s & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = st[j - 1];
      st[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
    this.normalCache = null;
    this.floatNormalCache = null;
    return this;
  }

  /** Generator.seed() / torch.seed(): reseed from a non-deterministic 64-bit value (torch draws
   * it from the OS; here from crypto when available). Returns the new seed. */
  seed(): bigint {
    const w = new Uint32Array(2);
    const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => void } }).crypto;
    if (c?.getRandomValues) c.getRandomValues(w);
    else for (let i = 0; i < 2; i++) w[i] = Math.floor(Math.random() * 4294967296);
    // torch's non-deterministic seeds use all 64 bits (an unsigned value).
    const s = (BigInt(w[0]) << 32n) | BigInt(w[1]);
    this.manualSeed(s);
    return s;
  }

  /** initial_seed(): the full unsigned 64-bit seed last given to manualSeed. */
  initialSeed(): bigint {
    return this.seed64;
  }

  /** Open rewind marks (see mark()); the first twist after a mark saves the words it replaces. */
  private readonly marks = new Set<GeneratorMark>();

  /**
   * Remember the position so `rewind` can come back to it: used when the webgpu device calls a
   * native again after a host sync (run/device.ts), which must not draw the same numbers twice.
   * Costs nothing per draw: only a twist (once per 624 words) copies the state, once per mark.
   */
  mark(): GeneratorMark {
    const m: GeneratorMark = { left: this.left, next: this.next, normalCache: this.normalCache, floatNormalCache: this.floatNormalCache, seed64: this.seed64, st: null };
    this.marks.add(m);
    return m;
  }
  /** Close a mark (no rewind). */
  release(m: GeneratorMark): void {
    this.marks.delete(m);
  }
  /** Back to the position of `m` (and close it). */
  rewind(m: GeneratorMark): void {
    this.marks.delete(m);
    if (m.st !== null) this.st.set(m.st);
    this.left = m.left;
    this.next = m.next;
    this.normalCache = m.normalCache;
    this.floatNormalCache = m.floatNormalCache;
    this.seed64 = m.seed64;
  }
  /** Has anything been drawn (or the generator reseeded) since `m`? */
  movedSince(m: GeneratorMark): boolean {
    return m.st !== null || m.left !== this.left || m.next !== this.next || m.normalCache !== this.normalCache || m.seed64 !== this.seed64;
  }

  private saveForMarks(): void {
    if (this.marks.size === 0) return;
    let copy: Uint32Array | null = null;
    for (const m of this.marks) if (m.st === null) m.st = copy ??= this.st.slice();
  }

  private twist(): void {
    this.saveForMarks();
    const st = this.st;
    let k = 0;
    for (; k < N - M; k++) {
      const y = (st[k] & UPPER) | (st[k + 1] & LOWER);
      st[k] = st[k + M] ^ (y >>> 1) ^ (st[k + 1] & 1 ? MATRIX_A : 0);
    }
    for (; k < N - 1; k++) {
      const y = (st[k] & UPPER) | (st[k + 1] & LOWER);
      st[k] = st[k + M - N] ^ (y >>> 1) ^ (st[k + 1] & 1 ? MATRIX_A : 0);
    }
    const y = (st[N - 1] & UPPER) | (st[0] & LOWER);
    st[N - 1] = st[M - 1] ^ (y >>> 1) ^ (st[0] & 1 ? MATRIX_A : 0);
    this.left = N;
    this.next = 0;
  }

  /** One uint32 draw (torch's `random()`). The first draw after seeding twists the state. */
  random(): number {
    if (--this.left === 0) this.twist();
    let y = this.st[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** One uint64 draw (torch's `random64()`): the FIRST uint32 is the high half. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** random64() % m for 0 < m <= 2^32, without BigInt (hi*2^32 mod m via exact doubles). */
  random64Mod32(m: number): number {
    const hi = this.random();
    const lo = this.random();
    // (hi mod m) < 2^32, times 2^32 would overflow 2^53: split 2^32 = 2^16 * 2^16.
    let r = hi % m;
    r = (r * 65536) % m;
    r = (r * 65536) % m;
    return (r + lo) % m;
  }

  /** The float32 sampler's uniform: low 24 bits of random(), times 2^-24 (in [0, 1)). */
  uniform24(): number {
    return (this.random() & 0xffffff) * TWO_M24;
  }

  /** The double sampler's uniform: low 53 bits of random64(), times 2^-53 (in [0, 1), exact). */
  uniform53(): number {
    const hi = this.random();
    const lo = this.random();
    return ((hi & 0x1fffff) * 4294967296 + lo) * TWO_M53;
  }

  /** Independent copy (Generator.clone_state / graphsafe copy). */
  clone(): Generator {
    const g = new Generator(0);
    g.setState(this.getState());
    return g;
  }

  /** get_rng_state() bytes, RNG.md §1.5 layout (little-endian). */
  getState(): Uint8Array {
    const buf = new ArrayBuffer(RNG_STATE_SIZE);
    const dv = new DataView(buf);
    dv.setBigUint64(0, this.seed64, true);
    dv.setInt32(8, this.left, true);
    dv.setInt32(12, 1, true);
    dv.setBigUint64(16, BigInt(this.next), true);
    for (let i = 0; i < N; i++) dv.setUint32(24 + 8 * i, this.st[i], true);
    if (this.normalCache !== null) {
      dv.setFloat64(5024, this.normalCache, true);
      dv.setInt32(5040, 1, true);
    }
    if (this.floatNormalCache !== null) {
      dv.setFloat32(5048, this.floatNormalCache, true);
      dv.setUint8(5052, 1);
    }
    return new Uint8Array(buf);
  }

  /** set_rng_state(bytes), with torch's validation and messages. */
  setState(bytes: Uint8Array): void {
    if (bytes.length !== RNG_STATE_SIZE && bytes.length !== LEGACY_STATE_SIZE) {
      throw new PyError(
        'RuntimeError',
        `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_SIZE} or a CPUGeneratorImplState of size ${RNG_STATE_SIZE} but found the input RNG state size to be ${bytes.length}`,
      );
    }
    // The legacy 5048-byte layout is accepted by size but torch then rejects its contents in
    // the cases we have seen; we only read the current layout.
    if (bytes.length !== RNG_STATE_SIZE) throw new PyError('RuntimeError', 'Invalid mt19937 state');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const seed = dv.getBigUint64(0, true);
    const left = dv.getInt32(8, true);
    const seeded = dv.getInt32(12, true);
    const next = dv.getBigUint64(16, true);
    if (!(seeded !== 0 && left > 0 && left <= N && next <= BigInt(N))) {
      throw new PyError('RuntimeError', 'Invalid mt19937 state');
    }
    this.saveForMarks();
    for (let i = 0; i < N; i++) this.st[i] = dv.getUint32(24 + 8 * i, true);
    this.seed64 = seed;
    this.left = left;
    this.next = Number(next);
    this.normalCache = dv.getInt32(5040, true) !== 0 ? dv.getFloat64(5024, true) : null;
    this.floatNormalCache = dv.getUint8(5052) !== 0 ? dv.getFloat32(5048, true) : null;
  }
}

/** The process-wide generator behind torch.manual_seed / torch.rand / nn init. torch starts it
 * from a non-deterministic seed; we start it like torch.Generator(). The runner should call
 * `defaultGenerator.manualSeed(0)` before a script to match the oracle's dump.py. */
export const defaultGenerator = new Generator();

/** A position of every live generator, to come back to (markAllGenerators). */
export type GeneratorsMark = ReadonlyArray<readonly [Generator, GeneratorMark]>;

/**
 * Mark every generator that exists now — the default one and each `torch.Generator()` — so that
 * a call made again after a host sync (run/hostSync.ts) draws from where the first try started,
 * whichever generator it draws from. Generators created after the mark are the call's own.
 */
export function markAllGenerators(): GeneratorsMark {
  const out: [Generator, GeneratorMark][] = [];
  for (const ref of liveGenerators) {
    const g = ref.deref();
    if (g === undefined) liveGenerators.delete(ref);
    else out.push([g, g.mark()]);
  }
  return out;
}
export function rewindAllGenerators(m: GeneratorsMark): void {
  for (const [g, mark] of m) g.rewind(mark);
}
export function releaseAllGenerators(m: GeneratorsMark): void {
  for (const [g, mark] of m) g.release(mark);
}

/** The generator a sampler should use: the explicit one, else the default. */
export const genOrDefault = (g?: Generator | null): Generator => g ?? defaultGenerator;
