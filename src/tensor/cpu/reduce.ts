// Reduction and scan kernels over "rows": the input is first laid out (by ops/reduce.ts) so each
// output element owns one contiguous run of R inputs. Each kernel is its own tight loop — no
// per-element callbacks — over numbers (double accumulators, which also covers float32 inputs
// with at least PyTorch's accuracy) or bigints for exact int64.

type NumArr = ArrayLike<number> & { [i: number]: number };

export function sumRows(src: NumArr, outer: number, R: number, out: NumArr): void {
  for (let o = 0, p = 0; o < outer; o++) {
    let s = 0;
    for (let r = 0; r < R; r++) s += src[p++];
    out[o] = s;
  }
}

export function sumRowsBig(src: BigInt64Array, outer: number, R: number, out: BigInt64Array): void {
  for (let o = 0, p = 0; o < outer; o++) {
    let s = 0n;
    for (let r = 0; r < R; r++) s += src[p++];
    out[o] = s;
  }
}

export function prodRows(src: NumArr, outer: number, R: number, out: NumArr): void {
  for (let o = 0, p = 0; o < outer; o++) {
    let s = 1;
    for (let r = 0; r < R; r++) s *= src[p++];
    out[o] = s;
  }
}

export function prodRowsBig(src: BigInt64Array, outer: number, R: number, out: BigInt64Array): void {
  for (let o = 0, p = 0; o < outer; o++) {
    let s = 1n;
    for (let r = 0; r < R; r++) s = BigInt.asIntN(64, s * src[p++]);
    out[o] = s;
  }
}

/** max/min with NaN propagation; `idx` gets the first index of the extreme (first NaN wins). */
export function extremeRows(src: NumArr, outer: number, R: number, out: NumArr, idx: NumArr | null, isMax: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let best = src[base];
    let bi = 0;
    if (best === best) {
      for (let r = 1; r < R; r++) {
        const v = src[base + r];
        if (v !== v) {
          best = v;
          bi = r;
          break;
        }
        if (isMax ? v > best : v < best) {
          best = v;
          bi = r;
        }
      }
    }
    out[o] = best;
    if (idx !== null) idx[o] = bi;
  }
}

export function extremeRowsBig(src: BigInt64Array, outer: number, R: number, out: BigInt64Array, idx: NumArr | null, isMax: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let best = src[base];
    let bi = 0;
    for (let r = 1; r < R; r++) {
      const v = src[base + r];
      if (isMax ? v > best : v < best) {
        best = v;
        bi = r;
      }
    }
    out[o] = best;
    if (idx !== null) idx[o] = bi;
  }
}

/** Variance with `correction` (two-pass in double). */
export function varRows(src: NumArr, outer: number, R: number, correction: number, out: NumArr, takeSqrt: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let mean = 0;
    for (let r = 0; r < R; r++) mean += src[base + r];
    mean /= R;
    let ss = 0;
    for (let r = 0; r < R; r++) {
      const d = src[base + r] - mean;
      ss += d * d;
    }
    const v = ss / Math.max(0, R - correction);
    out[o] = takeSqrt ? Math.sqrt(v) : v;
  }
}

/** Vector p-norm of each row (p = Infinity/-Infinity/0 handled as linalg.vector_norm). */
export function normRows(src: NumArr, outer: number, R: number, p: number, out: NumArr): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let acc: number;
    if (p === Infinity || p === -Infinity) {
      acc = p === Infinity ? (R === 0 ? 0 : -Infinity) : Infinity;
      for (let r = 0; r < R; r++) {
        const a = Math.abs(src[base + r]);
        if (a !== a) {
          acc = a;
          break;
        }
        acc = p === Infinity ? Math.max(acc, a) : Math.min(acc, a);
      }
    } else if (p === 0) {
      acc = 0;
      for (let r = 0; r < R; r++) acc += src[base + r] !== 0 ? 1 : 0;
    } else if (p === 2) {
      // scaled sum of squares avoids overflow for large float64 values
      let scale = 0;
      let ssq = 1;
      let nan = false;
      for (let r = 0; r < R; r++) {
        const a = Math.abs(src[base + r]);
        if (a !== a) nan = true;
        if (a === 0) continue;
        if (a === Infinity) {
          scale = Infinity;
          continue;
        }
        if (scale < a) {
          ssq = 1 + ssq * (scale / a) * (scale / a);
          scale = a;
        } else ssq += (a / scale) * (a / scale);
      }
      acc = nan ? NaN : scale === Infinity ? Infinity : scale * Math.sqrt(ssq);
    } else if (p === 1) {
      acc = 0;
      for (let r = 0; r < R; r++) acc += Math.abs(src[base + r]);
    } else {
      acc = 0;
      for (let r = 0; r < R; r++) acc += Math.abs(src[base + r]) ** p;
      acc = acc ** (1 / p);
    }
    out[o] = acc;
  }
}

export function logsumexpRows(src: NumArr, outer: number, R: number, out: NumArr): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let m = -Infinity;
    for (let r = 0; r < R; r++) {
      const v = src[base + r];
      if (v > m || v !== v) m = v;
    }
    if (m !== m) {
      out[o] = NaN;
      continue;
    }
    const mm = m === Infinity || m === -Infinity ? 0 : m;
    let s = 0;
    for (let r = 0; r < R; r++) s += Math.exp(src[base + r] - mm);
    out[o] = Math.log(s) + mm;
  }
}

export function allAnyRows(src: NumArr, outer: number, R: number, out: NumArr, isAll: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let res = isAll;
    for (let r = 0; r < R; r++) {
      const t = src[base + r] !== 0;
      if (isAll ? !t : t) {
        res = !isAll;
        break;
      }
    }
    out[o] = res ? 1 : 0;
  }
}

export function countNonzeroRows(src: NumArr, outer: number, R: number, out: BigInt64Array): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let c = 0;
    for (let r = 0; r < R; r++) if (src[base + r] !== 0) c++;
    out[o] = BigInt(c);
  }
}

/** In-place inclusive scans along rows (cumsum / cumprod). */
export function scanRows(buf: NumArr, outer: number, R: number, isProd: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let acc = isProd ? 1 : 0;
    for (let r = 0; r < R; r++) {
      acc = isProd ? acc * buf[base + r] : acc + buf[base + r];
      buf[base + r] = acc;
    }
  }
}

export function scanRowsBig(buf: BigInt64Array, outer: number, R: number, isProd: boolean): void {
  for (let o = 0, base = 0; o < outer; o++, base += R) {
    let acc = isProd ? 1n : 0n;
    for (let r = 0; r < R; r++) {
      acc = BigInt.asIntN(64, isProd ? acc * buf[base + r] : acc + buf[base + r]);
      buf[base + r] = acc;
    }
  }
}
