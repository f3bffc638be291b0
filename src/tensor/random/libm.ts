// The double-precision libm calls the samplers make (log, log1p, sin, cos, exp, tan), in one
// place. torch calls glibc; we call V8's fdlibm-based Math.*. For float32 results the two agree
// except about once in 10^8–10^9 values (the final float32 rounding hides last-bit differences),
// but float64 normal/exponential/log-normal/Cauchy values differ in the last bit for a few
// percent of inputs (RNG.md §8). A glibc port can replace these bindings without touching the
// samplers.

export const log = Math.log;
export const log1p = Math.log1p;
export const sin = Math.sin;
export const cos = Math.cos;
export const exp = Math.exp;
export const tan = Math.tan;
