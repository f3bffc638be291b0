// libm/: correctly rounded float64 math for the interpreter (float `**`, the `math` module) and the
// optimizers' Python-float arithmetic (bias corrections `beta ** step`, cosine annealing). CPython
// computes these with glibc's libm, which is correctly rounded in all but rare cases for
// exp/log/log2/pow/sin/cos/tan/atan/asin/acos/atan2/hypot; V8's fdlibm-based Math.* is off in a
// few % of arguments, and printed Python floats (repr) show every bit. dd.ts is the double-double
// core; explog.ts, pow.ts, trig.ts, atrig.ts, hyper.ts one family each; fastpath.ts and
// fasttrig.ts the cheap first phase (Ziv) of exp/log/log2/pow/sin/cos that decides the rounding
// in all but ~1 call in 1000, so a Python float operation costs ~50-200 ns, not ~0.5 µs.

export { crExp, crLog, crLog2, log10 } from './explog';
export { crPow } from './pow';
export { crSin, crCos, crTan } from './trig';
export { crAtan, crAsin, crAcos, crAtan2 } from './atrig';
export { sinh, cosh, tanh, crHypot, crHypotN } from './hyper';
