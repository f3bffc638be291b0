// Build step for the engine's WebAssembly kernels (`npm run build:wasm`). The kernels are written
// here as generated WAT text — no emscripten or Rust target exists on this machine — compiled with
// the `wabt` npm package, and emitted as `src/tensor/wasm/kernels.wasm.ts`: the module bytes as
// base64 in a TS module, so Node, Vitest and Vite all load it without fetching a file. The
// generated module is committed, so tests and the app never need this step; rerun it after editing.
//
// Kernels (all float32, WASM SIMD128):
//   gemm(ap, bp, cp, mp, np, k, bj, ldb): C[mp×np] += Apacked · B. A is packed in panels of MR rows
//     ([mp/MR][k][MR]); B element (l, j) is at bp + j·bj + l·ldb bytes, so B is either packed in
//     panels of NR columns (bj = 4k, ldb = 4NR) or a plain row-major copy (bj = 4, ldb = 4n — then
//     the padding columns read the next row's values, which only land in C's discarded padding);
//     C row-major with ldc = np.
//     Every C element is accumulated in float32 in k order, one rounding for the product and one
//     for the sum, starting from C's current value — the order of reference BLAS's sgemm, which
//     the oracle's PyTorch links. So the WASM and the JS paths give the same bits as PyTorch.
//   add(xp, yp, op, n): out = x + y elementwise (the bench's resident-data kernel).

import wabtInit from 'wabt';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Register tile. MR rows × NR columns of C live in MR·NR/4 v128 locals during the k loop. 4×8
 * (8 accumulators + 2 B vectors + 1 broadcast) measured best on the 2-core AMD EPYC dev box:
 * kernel alone, builds run interleaved in one process, ~59 GFLOP/s at n = 64/256/1024 against
 * 37-41 for 5×8, 34-35 for 8×8, 30-33 for 6×8, 4×12 and 3×16 — V8 spills the larger tiles.
 * GEMM_MR/GEMM_NR override them for such experiments. */
export const MR = Number(process.env.GEMM_MR ?? 4);
export const NR = Number(process.env.GEMM_NR ?? 8);
/** k-block: a packed B panel slice of KC·NR floats (8 KiB) stays in L1 while the MR-row panels of
 * one MC block stream past it; the MC·KC A block (96 KiB) stays in L2. */
const KC = 256;
/** k-loop unroll (1 or 2). Unrolling by 2 measured slower (kernel alone, interleaved runs of
 * both builds: 37 vs 59 GFLOP/s at n = 256) — V8 keeps fewer tile registers live; kept for
 * experiments via GEMM_UNROLL. */
const UNROLL = Number(process.env.GEMM_UNROLL ?? 1);
const MC = 96;

function gemmWat() {
  const V = NR / 4; // v128 per C row
  const acc = [];
  for (let r = 0; r < MR; r++) for (let v = 0; v < V; v++) acc.push(`$c${r}_${v}`);
  const lines = [];
  const L = (s) => lines.push(s);
  L(`(func (export "gemm") (param $ap i32) (param $bp i32) (param $cp i32) (param $mp i32) (param $np i32) (param $k i32) (param $bj i32) (param $ldb i32)`);
  L(`  (local $kc0 i32) (local $kb i32) (local $ic i32) (local $icEnd i32) (local $i i32) (local $j i32)`);
  L(`  (local $a i32) (local $b i32) (local $bnext i32) (local $kk i32) (local $ldc i32)`);
  for (let r = 0; r < MR; r++) L(`  (local $row${r} i32)`);
  L(`  ${acc.map((n) => `(local ${n} v128)`).join(' ')}`);
  L(`  (local $av v128) ${Array.from({ length: V }, (_, v) => `(local $b${v} v128)`).join(' ')}`);
  L(`  (local.set $ldc (i32.shl (local.get $np) (i32.const 2)))`);
  L(`  (local.set $kc0 (i32.const 0))`);
  L(`  (block $kdone (loop $kloop`);
  L(`    (br_if $kdone (i32.ge_u (local.get $kc0) (local.get $k)))`);
  L(`    (local.set $kb (select (i32.const ${KC}) (i32.sub (local.get $k) (local.get $kc0)) (i32.lt_u (i32.const ${KC}) (i32.sub (local.get $k) (local.get $kc0)))))`);
  L(`    (local.set $ic (i32.const 0))`);
  L(`    (block $idone (loop $iloop`);
  L(`      (br_if $idone (i32.ge_u (local.get $ic) (local.get $mp)))`);
  L(`      (local.set $icEnd (i32.add (local.get $ic) (i32.const ${MC - (MC % MR)})))`);
  L(`      (if (i32.gt_u (local.get $icEnd) (local.get $mp)) (then (local.set $icEnd (local.get $mp))))`);
  L(`      (local.set $j (i32.const 0))`);
  L(`      (block $jdone (loop $jloop`);
  L(`        (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))`);
  L(`        (local.set $i (local.get $ic))`);
  L(`        (block $rdone (loop $rloop`);
  L(`          (br_if $rdone (i32.ge_u (local.get $i) (local.get $icEnd)))`);
  // a = ap + (i*k + kc0*MR)*4 ; b = bp + j*bj + kc0*ldb ; row0 = cp + (i*np + j)*4
  L(`          (local.set $a (i32.add (local.get $ap) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (i32.mul (local.get $kc0) (i32.const ${MR}))) (i32.const 2))))`);
  L(`          (local.set $b (i32.add (local.get $bp) (i32.add (i32.mul (local.get $j) (local.get $bj)) (i32.mul (local.get $kc0) (local.get $ldb)))))`);
  L(`          (local.set $row0 (i32.add (local.get $cp) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $np)) (local.get $j)) (i32.const 2))))`);
  for (let r = 1; r < MR; r++) L(`          (local.set $row${r} (i32.add (local.get $row${r - 1}) (local.get $ldc)))`);
  for (let r = 0; r < MR; r++)
    for (let v = 0; v < V; v++) L(`          (local.set $c${r}_${v} (v128.load offset=${v * 16} (local.get $row${r})))`);
  // One k step: load the B row slice, broadcast each A value, multiply-add into the tile. With
  // `second`, the step reads the next k (A at +MR floats, B at +ldb) so two steps share one
  // pointer update and loop test (UNROLL = 2).
  const step = (indent, second) => {
    const bAddr = second ? '(local.get $bnext)' : '(local.get $b)';
    if (second) L(`${indent}(local.set $bnext (i32.add (local.get $b) (local.get $ldb)))`);
    for (let v = 0; v < V; v++) L(`${indent}(local.set $b${v} (v128.load offset=${v * 16} ${bAddr}))`);
    for (let r = 0; r < MR; r++) {
      L(`${indent}(local.set $av (v128.load32_splat offset=${(second ? MR * 4 : 0) + r * 4} (local.get $a)))`);
      for (let v = 0; v < V; v++)
        L(`${indent}(local.set $c${r}_${v} (f32x4.add (local.get $c${r}_${v}) (f32x4.mul (local.get $av) (local.get $b${v}))))`);
    }
  };
  if (UNROLL === 2) {
    L(`          (if (i32.and (local.get $kb) (i32.const 1)) (then`);
    step('            ', false);
    L(`            (local.set $a (i32.add (local.get $a) (i32.const ${MR * 4})))`);
    L(`            (local.set $b (i32.add (local.get $b) (local.get $ldb)))))`);
    L(`          (local.set $kk (i32.shr_u (local.get $kb) (i32.const 1)))`);
    L(`          (if (local.get $kk) (then (loop $kl`);
    step('            ', false);
    step('            ', true);
    L(`            (local.set $a (i32.add (local.get $a) (i32.const ${2 * MR * 4})))`);
    L(`            (local.set $b (i32.add (local.get $bnext) (local.get $ldb)))`);
    L(`            (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))`);
    L(`            (br_if $kl (local.get $kk)))))`);
  } else {
    L(`          (local.set $kk (local.get $kb))`);
    L(`          (loop $kl`);
    step('            ', false);
    L(`            (local.set $a (i32.add (local.get $a) (i32.const ${MR * 4})))`);
    L(`            (local.set $b (i32.add (local.get $b) (local.get $ldb)))`);
    L(`            (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))`);
    L(`            (br_if $kl (local.get $kk)))`);
  }
  for (let r = 0; r < MR; r++)
    for (let v = 0; v < V; v++) L(`          (v128.store offset=${v * 16} (local.get $row${r}) (local.get $c${r}_${v}))`);
  L(`          (local.set $i (i32.add (local.get $i) (i32.const ${MR})))`);
  L(`          (br $rloop)))`);
  L(`        (local.set $j (i32.add (local.get $j) (i32.const ${NR})))`);
  L(`        (br $jloop)))`);
  L(`      (local.set $ic (local.get $icEnd))`);
  L(`      (br $iloop)))`);
  L(`    (local.set $kc0 (i32.add (local.get $kc0) (i32.const ${KC})))`);
  L(`    (br $kloop)))`);
  L(`)`);
  return lines.join('\n');
}

function addWat() {
  // 4 lanes per step, scalar tail; pointers are byte addresses.
  return `(func (export "add") (param $xp i32) (param $yp i32) (param $op i32) (param $n i32)
  (local $end i32) (local $vend i32)
  (local.set $end (i32.add (local.get $xp) (i32.shl (local.get $n) (i32.const 2))))
  (local.set $vend (i32.add (local.get $xp) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
  (block $vd (loop $vl
    (br_if $vd (i32.ge_u (local.get $xp) (local.get $vend)))
    (v128.store (local.get $op) (f32x4.add (v128.load (local.get $xp)) (v128.load (local.get $yp))))
    (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
    (local.set $yp (i32.add (local.get $yp) (i32.const 16)))
    (local.set $op (i32.add (local.get $op) (i32.const 16)))
    (br $vl)))
  (block $sd (loop $sl
    (br_if $sd (i32.ge_u (local.get $xp) (local.get $end)))
    (f32.store (local.get $op) (f32.add (f32.load (local.get $xp)) (f32.load (local.get $yp))))
    (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
    (local.set $yp (i32.add (local.get $yp) (i32.const 4)))
    (local.set $op (i32.add (local.get $op) (i32.const 4)))
    (br $sl)))
)`;
}

export function moduleWat() {
  return `(module\n(memory (export "memory") 1)\n${gemmWat()}\n${addWat()}\n)\n`;
}

async function main() {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernels.wat', moduleWat(), { simd: true });
  mod.validate();
  const { buffer } = mod.toBinary({});
  const b64 = Buffer.from(buffer).toString('base64');
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'tensor', 'wasm', 'kernels.wasm.ts');
  const text =
    `// GENERATED by scripts/build-wasm.mjs (npm run build:wasm) — do not edit. The engine's WASM SIMD\n` +
    `// kernels (float32 GEMM on packed panels, elementwise add) as base64, loaded by ./module.ts.\n` +
    `export const KERNELS_WASM_BASE64 =\n  '${b64}';\n` +
    `/** Register tile the gemm kernel was generated with; the JS packer must use the same. */\n` +
    `export const GEMM_MR = ${MR};\nexport const GEMM_NR = ${NR};\n`;
  writeFileSync(out, text);
  console.log(`wrote ${out} (${buffer.length} bytes of wasm, MR=${MR}, NR=${NR})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
