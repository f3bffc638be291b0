// Runs op-table entries on the CPU: picks the op's generated dense loop (kernels.generated.ts) for
// the compute dtype's family and feeds it. One call when every operand is already a dense array of
// the family's storage (the common case: contiguous float32 tensors); otherwise the call is staged
// in chunks — strided or broadcast operands are gathered into dense scratch, operands of another
// dtype cast (cast.ts), and results cast and scattered into the output — so each op needs only one
// loop per family and nothing is compiled at run time (the page's CSP forbids eval).
//
// Casting operands to the compute dtype before the op is what PyTorch's TensorIterator does too:
// a float64 0-d tensor in a float32 op is read as float32, an int32 tensor in an int64 op as int64.

import type { DType, StorageArray } from '../dtype';
import type { Layout } from '../backend';
import type { ElementwiseDef } from '../ops/table';
import { coalesce } from './strided';
import { boolResult, type P } from './kernel_types';
import { castInto, valueDomainOf, type ValueDomain } from './cast';
import { KERNELS, STAGING } from './kernels.generated';
import { DTYPE_ARRAY, FAMILY_ARRAY, FAMILY_DOMAIN, familyFor, inputDirect, inputTarget, kernelFor, outputDirect, type Ctor } from './family';

export { domainFor, familyFor, kernelFor, type Domain } from './family';

/** Elements per staged chunk: small enough that every operand's scratch stays in cache. */
const CHUNK = 4096;
/** Rows at least this long are staged row by row (see runElementwise). */
const ROW_CHUNK = 1024;

/** Scratch arrays by slot (input k, its pre-cast copy, the output...) and class, reused. */
const scratchPool: Map<Ctor, StorageArray>[] = [];
function scratch(slot: number, ctor: Ctor): StorageArray {
  const pool = (scratchPool[slot] ??= new Map());
  let a = pool.get(ctor);
  if (a === undefined) {
    a = new ctor(CHUNK);
    pool.set(ctor, a);
  }
  return a;
}
const SLOT_OUT = 3;
const SLOT_OUT_CAST = 4;
const SLOT_PRE_CAST = 5; // + input index
const SLOT_NARROW = 8; // + input index


const ctorOf = (a: StorageArray): Ctor => a.constructor as Ctor;
const view = (a: StorageArray, start: number, k: number): StorageArray => (start === 0 && k === a.length ? a : a.subarray(start, start + k));

/** Run `op` over `out` (shape of the loop) and same-rank broadcast inputs. */
export function runElementwise(op: ElementwiseDef, out: Layout, inputs: readonly Layout[], compute: DType, params: P): void {
  const n = out.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const fam = familyFor(op, compute);
  const kernel = kernelFor(op, fam);
  const isBool = boolResult(op);
  const m = inputs.length;
  const { shape, strides } = coalesce(out.shape, [out.strides, ...inputs.map((x) => x.strides)]);
  const outArr = out.storage.data;
  // inputs are only read: dataForRead keeps a device storage's GPU copy valid
  const inArrs = inputs.map((x) => x.storage.dataForRead);
  // where's condition (bool/uint8 bytes) is read as truthiness by every family
  const direct = inputs.map((x, k) => (op.name === 'where' && k === 0) || inputDirect(fam, compute, x.dtype));
  const outDirect = outputDirect(fam, isBool, out.dtype);
  const nd = shape.length;

  // One dense call: every operand unit-stride and already in the family's storage.
  if (nd === 1 && outDirect && strides[0][0] === 1 && direct.every((d, k) => d && strides[k + 1][0] === 1)) {
    // offsets rebased with subarray, so the loop indexes every array with its bare counter
    const xs = inArrs.map((a, k) => view(a, inputs[k].offset, n));
    kernel(view(outArr, out.offset, n), n, params, ...xs);
    return;
  }

  const n0 = shape[nd - 1];
  const n1 = nd >= 2 ? shape[nd - 2] : 1;
  const block = n0 * n1;
  const pos = [out.offset];
  for (let j = 0; j < m; j++) pos.push(inputs[j].offset);
  const idx = new Array<number>(nd).fill(0);
  const nextBlock = (): void => {
    // advance the dims before the last two (odometer)
    for (let ax = nd - 3; ax >= 0; ax--) {
      idx[ax]++;
      for (let q = 0; q <= m; q++) pos[q] += strides[q][ax];
      if (idx[ax] < shape[ax]) return;
      for (let q = 0; q <= m; q++) pos[q] -= strides[q][ax] * shape[ax];
      idx[ax] = 0;
    }
  };

  // A unary float32 op with its own strided loop: one pass per 2-D block, no staging.
  const fused = fam === 'F32' && outDirect && direct[0] ? KERNELS[op.name].F32S : undefined;
  if (fused !== undefined) {
    const [so, sx] = strides;
    const a = nd >= 2 ? nd - 2 : -1;
    for (let b = 0, blocks = n / block; b < blocks; b++, nextBlock())
      fused(outArr, pos[0], so[nd - 1], a < 0 ? 0 : so[a], n0, n1, params, inArrs[0], pos[1], sx[nd - 1], a < 0 ? 0 : sx[a]);
    return;
  }

  // Staged: 2-D blocks over the last two dims (an odometer walks the dims before them), each
  // block in chunks of at most CHUNK row-major elements. Long rows are chunked row by row, so an
  // operand that is unit-stride along the row (a bias row broadcast over [N, C]) is read in place.
  const rowMode = n0 >= ROW_CHUNK;
  const rowsPerChunk = Math.floor(CHUNK / n0) * n0;
  const famCtor = FAMILY_ARRAY[fam];
  const target = inputTarget(fam, compute);
  const resCtor: Ctor = isBool ? Uint8Array : famCtor;
  const resDomain: ValueDomain = isBool ? 'b' : FAMILY_DOMAIN[fam];
  const xs: StorageArray[] = new Array(m);

  for (let b = 0, blocks = n / block; b < blocks; b++, nextBlock()) {
    for (let t0 = 0; t0 < block; ) {
      const r = Math.floor(t0 / n0);
      const c = t0 - r * n0;
      const k = rowMode ? Math.min(CHUNK, n0 - c) : Math.min(rowsPerChunk, block - t0);
      const inRow = c + k <= n0;
      for (let j = 0; j < m; j++) {
        const st = strides[j + 1];
        const sa = st[nd - 1];
        const sb = nd >= 2 ? st[nd - 2] : 0;
        const arr = inArrs[j];
        const start = pos[j + 1] + r * sb + c * sa;
        let dense: StorageArray;
        if (sa === 1 && (inRow || sb === n0)) dense = view(arr, start, k);
        else {
          dense = scratch(direct[j] ? j : SLOT_PRE_CAST + j, ctorOf(arr));
          if (sa === 0 && (inRow || sb === 0)) (dense as Float64Array).fill(arr[start] as number, 0, k);
          else STAGING.get(ctorOf(arr))!.gather(dense, arr, pos[j + 1], sa, sb, n0, t0, k);
        }
        if (!direct[j]) {
          let from = inputs[j].dtype;
          if (fam === 'I' && from !== compute) {
            // wrap into the compute dtype first (int8 + a 0-d int64 256 adds 0, as in PyTorch)
            const narrowed = scratch(SLOT_NARROW + j, DTYPE_ARRAY[compute]);
            castInto(narrowed, compute, dense, valueDomainOf(from), k);
            dense = narrowed;
            from = compute;
          }
          const cast = scratch(j, famCtor);
          castInto(cast, target, dense, valueDomainOf(from), k);
          dense = cast;
        }
        xs[j] = dense;
      }
      const so = strides[0];
      const oa = so[nd - 1];
      const ob = nd >= 2 ? so[nd - 2] : 0;
      const oStart = pos[0] + r * ob + c * oa;
      const outContig = oa === 1 && (inRow || ob === n0);
      t0 += k;
      if (outDirect && outContig) {
        kernel(view(outArr, oStart, k), k, params, ...xs);
        continue;
      }
      let res = scratch(SLOT_OUT, resCtor);
      kernel(res, k, params, ...xs);
      if (!outDirect) {
        if (outContig) {
          castInto(view(outArr, oStart, k), out.dtype, res, resDomain, k);
          continue;
        }
        const cast = scratch(SLOT_OUT_CAST, ctorOf(outArr));
        castInto(cast, out.dtype, res, resDomain, k);
        res = cast;
      }
      STAGING.get(ctorOf(outArr))!.scatter(outArr, pos[0], oa, ob, n0, t0 - k, k, res);
    }
  }
}
