// Driver for the WASM SIMD float32 GEMM: packs strided operands (../ops/linalg/kernels/operand.ts)
// into the kernel's panel layout inside WASM memory, seeds the C block for the accumulate mode,
// runs the kernel, and writes the block back. The kernel keeps reference BLAS's per-element k-order
// float32 sum (see scripts/build-wasm.mjs), so this path returns the same bits as gemm_js.ts; the
// caller picks it by size (ops/linalg/kernels/gemm.ts) because packing costs O(mk + kn + mn).

import { GEMM_MR as MR, GEMM_NR as NR } from './kernels.wasm';
import { reserveF32, wasmKernels } from './module';
import type { GemmOptions, MatRef } from '../ops/linalg/kernels/operand';

const fround = Math.fround;

/** Largest B (elements) read row-major in place of packing: up to 64 KiB the rows stay in L1/L2;
 * beyond it the k-loop's row stride (4n bytes, a multiple of 4 KiB at n = 1024) maps every row
 * of a panel to the same cache set, and packing measured 1.8× faster at n = 1024. */
const ROW_MAJOR_B_MAX = 16384;

/** C (m×n) ← A·B in float32 on the WASM kernel. Returns false (and does nothing) when WASM is
 * unavailable, so the caller can fall back to the JS kernel. */
export function gemmF32Wasm(
  m: number,
  n: number,
  k: number,
  a: MatRef<Float32Array>,
  b: MatRef<Float32Array>,
  c: MatRef<Float32Array>,
  opts: GemmOptions = {},
): boolean {
  const w = wasmKernels();
  if (!w) return false;
  if (m === 0 || n === 0) return true;
  const mode = opts.accumulate ?? 'overwrite';
  const alpha = opts.alpha ?? 1;
  const beta = opts.beta ?? (mode === 'overwrite' ? 0 : 1);
  const mp = Math.ceil(m / MR) * MR;
  const np = Math.ceil(n / NR) * NR;
  // Layout (float32 indices): A panels at 0, then B (packed, or row-major plus NR floats of slack
  // for the padding columns' overrun), then the C block; each region 16-byte aligned.
  const aIdx = 0;
  const bIdx = align4(aIdx + mp * k);
  const cIdx = align4(bIdx + np * k);
  let mem: Float32Array;
  try {
    mem = reserveF32(w, (cIdx + mp * np) * 4);
  } catch {
    return false; // memory.grow refused (out of memory): the JS kernel takes it
  }

  const preScale = mode === 'first' && alpha !== 1 ? alpha : 1;
  // Pack A: panel p = rows p·MR.., element [l][r] at aIdx + p·MR·k + l·MR + r. Padding rows are 0.
  if (m % MR !== 0) mem.fill(0, aIdx + (mp - MR) * k, aIdx + mp * k);
  const ad = a.data;
  if (a.cs === 1 && preScale === 1) {
    // Row-major source: write each panel sequentially, reading MR rows side by side.
    for (let p = 0; p * MR < m; p++) {
      const rows = Math.min(MR, m - p * MR);
      let dst = aIdx + p * MR * k;
      const r0 = a.off + p * MR * a.rs;
      if (rows === MR) {
        const r1 = r0 + a.rs, r2 = r1 + a.rs, r3 = r2 + a.rs;
        for (let l = 0; l < k; l++, dst += 4) {
          mem[dst] = ad[r0 + l];
          mem[dst + 1] = ad[r1 + l];
          mem[dst + 2] = ad[r2 + l];
          mem[dst + 3] = ad[r3 + l];
        }
      } else {
        for (let r = 0; r < rows; r++) for (let l = 0, src = r0 + r * a.rs; l < k; l++) mem[dst + l * MR + r] = ad[src + l];
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      let dst = aIdx + Math.floor(i / MR) * MR * k + (i % MR);
      let src = a.off + i * a.rs;
      if (preScale === 1) for (let l = 0; l < k; l++, src += a.cs, dst += MR) mem[dst] = ad[src];
      else for (let l = 0; l < k; l++, src += a.cs, dst += MR) mem[dst] = fround(preScale * ad[src]);
    }
  }
  // B: a small row-major block is copied as is (one memcpy; the kernel reads it with ldb = n);
  // anything else is packed in panels of NR columns: element [l][cc] at bIdx + q·NR·k + l·NR + cc.
  const bd = b.data;
  const bRowMajor = b.cs === 1 && (b.rs === n || k === 1) && k * n <= ROW_MAJOR_B_MAX;
  if (bRowMajor) {
    mem.set(bd.subarray(b.off, b.off + k * n), bIdx);
    mem.fill(0, bIdx + k * n, bIdx + k * n + NR);
  } else if (b.cs === 1) {
    // Row-major source: walk it row by row (sequential reads), NR columns per panel.
    mem.fill(0, bIdx, bIdx + np * k);
    for (let l = 0; l < k; l++) {
      const row = b.off + l * b.rs;
      for (let q = 0, j0 = 0; j0 < n; q++, j0 += NR) {
        const dst = bIdx + q * NR * k + l * NR;
        const cols = Math.min(NR, n - j0);
        for (let cc = 0; cc < cols; cc++) mem[dst + cc] = bd[row + j0 + cc];
      }
    }
  } else if (b.rs === 1 && NR === 8) {
    // B's columns are contiguous (nn.Linear's weight.t()): fill each 8-column panel row by row,
    // reading the 8 source columns in step — sequential writes instead of a stride-NR scatter.
    if (n % NR !== 0) mem.fill(0, bIdx + (np - NR) * k, bIdx + np * k);
    for (let q = 0, j0 = 0; j0 < n; q++, j0 += NR) {
      const cols = Math.min(NR, n - j0);
      let dst = bIdx + q * NR * k;
      const s0 = b.off + j0 * b.cs;
      if (cols === NR) {
        const cs = b.cs;
        const s1 = s0 + cs, s2 = s1 + cs, s3 = s2 + cs, s4 = s3 + cs, s5 = s4 + cs, s6 = s5 + cs, s7 = s6 + cs;
        for (let l = 0; l < k; l++, dst += NR) {
          mem[dst] = bd[s0 + l];
          mem[dst + 1] = bd[s1 + l];
          mem[dst + 2] = bd[s2 + l];
          mem[dst + 3] = bd[s3 + l];
          mem[dst + 4] = bd[s4 + l];
          mem[dst + 5] = bd[s5 + l];
          mem[dst + 6] = bd[s6 + l];
          mem[dst + 7] = bd[s7 + l];
        }
      } else {
        for (let cc = 0; cc < cols; cc++) for (let l = 0, src = s0 + cc * b.cs; l < k; l++) mem[dst + l * NR + cc] = bd[src + l];
      }
    }
  } else {
    mem.fill(0, bIdx, bIdx + np * k);
    for (let j = 0; j < n; j++) {
      let dst = bIdx + Math.floor(j / NR) * NR * k + (j % NR);
      let src = b.off + j * b.cs;
      for (let l = 0; l < k; l++, src += b.rs, dst += NR) mem[dst] = bd[src];
    }
  }
  // Seed C: the addend first ('first'), or zeros.
  const cd = c.data;
  mem.fill(0, cIdx, cIdx + mp * np);
  if (mode === 'first' && beta !== 0) {
    for (let i = 0; i < m; i++) {
      const dst = cIdx + i * np;
      const src = c.off + i * c.rs;
      for (let j = 0; j < n; j++) {
        const v = cd[src + j * c.cs];
        mem[dst + j] = beta === 1 ? v : fround(beta * v);
      }
    }
  }
  if (k > 0) w.gemm(aIdx * 4, bIdx * 4, cIdx * 4, mp, np, k, bRowMajor ? 4 : 4 * k, bRowMajor ? 4 * n : 4 * NR);
  // Write back; 'last' adds the addend after the sum.
  if (mode !== 'last' && c.cs === 1 && c.rs === n && np === n) {
    cd.set(mem.subarray(cIdx, cIdx + m * n), c.off);
    return true;
  }
  for (let i = 0; i < m; i++) {
    const srcRow = cIdx + i * np;
    const dst = c.off + i * c.rs;
    if (mode !== 'last') {
      if (c.cs === 1) cd.set(mem.subarray(srcRow, srcRow + n), dst);
      else for (let j = 0; j < n; j++) cd[dst + j * c.cs] = mem[srcRow + j];
    } else {
      for (let j = 0; j < n; j++) {
        const s = alpha === 1 ? mem[srcRow + j] : fround(alpha * mem[srcRow + j]);
        const ci = dst + j * c.cs;
        cd[ci] = beta === 0 ? s : fround(s + (beta === 1 ? cd[ci] : fround(beta * cd[ci])));
      }
    }
  }
  return true;
}

const align4 = (x: number): number => (x + 3) & ~3;
