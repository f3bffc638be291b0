// torch.nn.utils.parametrizations — orthogonal, weight_norm, spectral_norm — and the legacy
// hook-based torch.nn.utils.weight_norm, mirroring torch/nn/utils/{parametrizations,weight_norm}.py.
// Each parametrization is a native module class (`_Orthogonal`, `_WeightNorm`, `_SpectralNorm`)
// whose forward/right_inverse are built from the engine's differentiable ops, so gradients reach
// `original` and the printed grad_fn names are PyTorch's. Spectral norm's power iteration writes its
// `_u`/`_v` buffers in place (same objects, bumped versions) in training mode — the in-place
// side effect SEMANTICS §9.3 talks about.

import { indexError, keyError, notImplementedError, runtimeError, valueError } from '../errors';
import { MISSING, PyBuiltinFunction, PyFloat, PyTuple, getattr, getattrOrMissing } from '../python/object';
import { setGradEnabled, withNoGrad } from '../tensor/grad';
import { pyf } from '../tensor/scalar';
import { add, div, mul, rdiv, sub } from '../tensor/ops/arith';
import { copy_, clone, toDtype } from '../tensor/ops/copy';
import { eye } from '../tensor/ops/creation';
import { cat } from '../tensor/ops/join';
import { allclose } from '../tensor/ops/linalg/compare';
import { geqrf, householderProduct, solve } from '../tensor/ops/linalg/decomp';
import { sum } from '../tensor/ops/reduce';
import { sign as sgn } from '../tensor/ops/unary';
import { matmul } from '../tensor/ops/linalg/matmul';
import { matrixExp } from '../tensor/ops/linalg/matrix_exp';
import { normExceptDim, normalize, weightNorm } from '../tensor/ops/linalg/norms';
import { dot, mv } from '../tensor/ops/linalg/products';
import { diagonal, flatten, mT, narrow, permute, reshape, unsqueeze } from '../tensor/ops/views';
import { defaultGenerator, normal_, randn } from '../tensor/random';
import { Tensor, detach, makeParameter } from './bridge';
import { registerForwardPreHook } from './call';
import { construct } from './construct';
import { asFloat, asInt, defineMethod, layerType } from './layers/common';
import { Module, moduleDelattr, moduleSetattr } from './module';
import { registerParametrization } from './parametrize';
import { protocols, pyStr } from './pyproto';

const MOD = 'torch.nn.utils.parametrizations';

async function noGrad<T>(fn: () => Promise<T> | T): Promise<T> {
  const prev = setGradEnabled(false);
  try {
    return await fn();
  } finally {
    setGradEnabled(prev);
  }
}

/** Lower-triangular part (tril) as a differentiable product with a constant 0/1 mask. */
function tril(x: Tensor, diag = 0): Tensor {
  const [n, k] = x.shape.slice(-2);
  const mask = Tensor.empty([n, k], x.dtype);
  const d = mask.storage.data as Float32Array;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) d[i * k + j] = j - i <= diag ? 1 : 0;
  return mul(x, mask);
}

const F32_EPS = 1.1920928955078125e-7;
const F64_EPS = 2.220446049250313e-16;

// ---- orthogonal ---------------------------------------------------------------------------------

type OrthMap = 'matrix_exp' | 'cayley' | 'householder';

export const OrthogonalType = layerType('_Orthogonal', MOD);
defineMethod(OrthogonalType, '_Orthogonal.__init__(self, weight, orthogonal_map, *, use_trivialization=True)', async (self, v) => {
  self.init();
  const w = v[1] as Tensor;
  self.dict!.set('shape', new PyTuple(w.shape));
  self.dict!.set('orthogonal_map', v[2]);
  if (v[3] !== false) await self.registerBuffer('base', null);
  return null;
});
defineMethod(OrthogonalType, '_Orthogonal.forward(self, X)', async (self, v) => {
  let X = v[1] as Tensor;
  let [n, k] = X.shape.slice(-2);
  const transposed = n < k;
  if (transposed) {
    X = mT(X);
    [n, k] = [k, n];
  }
  const map = self.dict!.get('orthogonal_map') as OrthMap;
  let Q: Tensor;
  if (map === 'matrix_exp' || map === 'cayley') {
    X = tril(X);
    if (n !== k) X = cat([X, Tensor.empty([...X.shape.slice(0, -2), n, n - k], X.dtype)], -1);
    const A = sub(X, mT(X));
    if (map === 'matrix_exp') Q = matrixExp(A);
    else {
      const id = eye(n, n, { dtype: A.dtype });
      Q = solve(add(id, A, pyf(-0.5)), add(id, A, pyf(0.5)));
    }
    if (n !== k) Q = narrow(Q, -1, 0, k);
  } else {
    const A = tril(X, -1);
    const tau = rdiv(add(sum(mul(A, A), -2), pyf(1)), pyf(2));
    Q = householderProduct(A, tau);
    Q = mul(Q, unsqueeze(toDtype(diagonal(X, 0, -2, -1), 'int32'), -2));
  }
  const base = await getattrOrMissing(self, 'base');
  if (base !== MISSING && base !== null) Q = matmul(base as Tensor, Q);
  else if (base === null) throw runtimeError('orthogonal: the base buffer was never initialised');
  if (transposed) Q = mT(Q);
  return Q;
});

function isOrthogonal(q: Tensor): boolean {
  const [n, k] = q.shape.slice(-2);
  const eps = 10 * n * (q.dtype === 'float64' ? F64_EPS : F32_EPS);
  return allclose(matmul(mT(q), q), eye(k, k, { dtype: q.dtype }), { atol: eps });
}

/** `_make_orthogonal`: geqrf, householder_product, then columns times sgn(diag(R)). */
function makeOrthogonal(a: Tensor): Tensor {
  const [x, tau] = geqrf(a);
  const q = householderProduct(x, tau);
  return mul(q, unsqueeze(sgn(diagonal(x, 0, -2, -1)), -2));
}

defineMethod(OrthogonalType, '_Orthogonal.right_inverse(self, Q)', async (self, v) =>
  noGrad(async () => {
    let Q = v[1] as Tensor;
    const shape = (self.dict!.get('shape') as PyTuple).items as number[];
    if (Q.shape.length !== shape.length || Q.shape.some((d, i) => d !== shape[i])) {
      throw valueError(
        `Expected a matrix or batch of matrices of shape torch.Size([${shape.join(', ')}]). Got a tensor of shape torch.Size([${Q.shape.join(', ')}]).`,
      );
    }
    const qInit = Q;
    let [n, k] = Q.shape.slice(-2);
    if (n < k) {
      Q = mT(Q);
      [n, k] = [k, n];
    }
    if ((await getattrOrMissing(self, 'base')) === MISSING) {
      throw notImplementedError(
        'It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.',
      );
    }
    if (n === k) Q = isOrthogonal(Q) ? clone(Q) : makeOrthogonal(Q);
    else {
      const N = Tensor.fromArray(randn(defaultGenerator, n * (n - k), Q.dtype === 'float64' ? 'float64' : 'float32'), [n, n - k], Q.dtype);
      Q = makeOrthogonal(cat([Q, N], -1));
    }
    await moduleSetattr(self, 'base', Q);
    const negId = Tensor.empty(qInit.shape, qInit.dtype);
    const [r, c] = qInit.shape.slice(-2);
    const nd = negId.storage.data as Float32Array;
    for (let i = 0; i < Math.min(r, c); i++) nd[i * c + i] = -1;
    return negId;
  }),
);

/** parametrizations.orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True). */
export async function orthogonal(m: Module, name = 'weight', orthogonalMap: string | null = null, useTrivialization = true): Promise<Module> {
  const weight = await getattrOrMissing(m, name);
  if (!(weight instanceof Tensor)) throw valueError(`Module '${await pyStr(m)}' has no parameter or buffer with name '${name}'`);
  if (weight.ndim < 2) throw valueError(`Expected a matrix or batch of matrices. Got a tensor of ${weight.ndim} dimensions.`);
  const map = orthogonalMap ?? (weight.shape[weight.ndim - 2] === weight.shape[weight.ndim - 1] ? 'matrix_exp' : 'householder');
  if (!['matrix_exp', 'cayley', 'householder'].includes(map)) {
    throw valueError(`orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${map}`);
  }
  const orth = await construct(OrthogonalType, [weight, map], new Map([['use_trivialization', useTrivialization]]));
  await registerParametrization(m, name, orth, true);
  return m;
}

// ---- weight_norm --------------------------------------------------------------------------------

export const WeightNormType = layerType('_WeightNorm', MOD);
defineMethod(WeightNormType, '_WeightNorm.__init__(self, dim=0)', (self, v) => {
  self.init();
  self.dict!.set('dim', v[1] === null ? -1 : v[1]);
  return null;
});
defineMethod(WeightNormType, '_WeightNorm.forward(self, weight_g, weight_v)', (self, v) =>
  weightNorm(v[2] as Tensor, v[1] as Tensor, asInt(self.dict!.get('dim')!, 'dim')),
);
defineMethod(WeightNormType, '_WeightNorm.right_inverse(self, weight)', (self, v) => {
  const w = v[1] as Tensor;
  return new PyTuple([normExceptDim(w, 2, asInt(self.dict!.get('dim')!, 'dim')), w]);
});

/** parametrizations.weight_norm(module, name='weight', dim=0). */
export async function weightNormParametrization(m: Module, name = 'weight', dim: number | null = 0): Promise<Module> {
  await registerParametrization(m, name, await construct(WeightNormType, [dim]), true);
  return m;
}

// ---- spectral_norm ------------------------------------------------------------------------------

export const SpectralNormType = layerType('_SpectralNorm', MOD);

function weightMatrix(self: Module, w: Tensor): Tensor {
  const dim = self.dict!.get('dim') as number;
  const p = dim === 0 ? w : permute(w, [dim, ...w.shape.map((_, i) => i).filter((i) => i !== dim)]);
  return flatten(p, 1);
}

/** _power_method: `normalize(..., out=self._u)` writes into the existing buffers in place. */
function powerMethod(self: Module, wm: Tensor, iterations: number): void {
  withNoGrad(() => {
    const eps = asFloat(self.dict!.get('eps')!);
    const u = self.buffers().get('_u') as Tensor;
    const v = self.buffers().get('_v') as Tensor;
    for (let i = 0; i < iterations; i++) {
      copy_(u, normalize(mv(wm, v), 2, 0, eps));
      copy_(v, normalize(mv(mT(wm), u), 2, 0, eps));
    }
  });
}

defineMethod(SpectralNormType, '_SpectralNorm.__init__(self, weight, n_power_iterations=1, dim=0, eps=1e-12)', async (self, v) => {
  self.init();
  const w = v[1] as Tensor;
  const ndim = w.ndim;
  const dim = asInt(v[3], 'dim');
  if (dim >= ndim || dim < -ndim) {
    throw indexError(`Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`);
  }
  const iters = asInt(v[2], 'n_power_iterations');
  if (iters <= 0) throw valueError(`Expected n_power_iterations to be positive, but got n_power_iterations=${iters}`);
  self.dict!.set('dim', dim >= 0 ? dim : dim + ndim);
  self.dict!.set('eps', v[4]);
  if (ndim > 1) {
    self.dict!.set('n_power_iterations', iters);
    const wm = weightMatrix(self, w);
    const [h, wd] = wm.shape;
    const eps = asFloat(v[4]);
    const draw = (n: number): Tensor => {
      const t = Tensor.empty([n], w.dtype);
      normal_(defaultGenerator, w.dtype, t.storage.data as Float32Array, 0, 1);
      return t;
    };
    const u = draw(h);
    const vv = draw(wd);
    await self.registerBuffer('_u', withNoGrad(() => normalize(u, 2, 0, eps)));
    await self.registerBuffer('_v', withNoGrad(() => normalize(vv, 2, 0, eps)));
    powerMethod(self, wm, 15);
  }
  return null;
});
defineMethod(SpectralNormType, '_SpectralNorm.forward(self, weight)', (self, v) => {
  const w = v[1] as Tensor;
  const eps = asFloat(self.dict!.get('eps')!);
  if (w.ndim === 1) return normalize(w, 2, 0, eps);
  const wm = weightMatrix(self, w);
  if (self.training) powerMethod(self, wm, self.dict!.get('n_power_iterations') as number);
  const u = clone(self.buffers().get('_u') as Tensor, true);
  const vv = clone(self.buffers().get('_v') as Tensor, true);
  const sigma = dot(u, mv(wm, vv));
  return div(w, sigma);
});
defineMethod(SpectralNormType, '_SpectralNorm.right_inverse(self, value)', (_self, v) => v[1]);

/** parametrizations.spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None). */
export async function spectralNorm(m: Module, name = 'weight', nPowerIterations = 1, eps = 1e-12, dim: number | null = null): Promise<Module> {
  const weight = await getattrOrMissing(m, name);
  if (!(weight instanceof Tensor)) throw valueError(`Module '${await pyStr(m)}' has no parameter or buffer with name '${name}'`);
  const d = dim ?? (m.cls.mro.some((t) => t.name.startsWith('ConvTranspose')) ? 1 : 0);
  const sn = await construct(SpectralNormType, [weight, nPowerIterations, d, new PyFloat(eps)]);
  await registerParametrization(m, name, sn);
  return m;
}

// ---- legacy torch.nn.utils.weight_norm ----------------------------------------------------------

export const LEGACY_WEIGHT_NORM_WARNING =
  '`torch.nn.utils.weight_norm` is deprecated in favor of `torch.nn.utils.parametrizations.weight_norm`.';

/** torch.nn.utils.weight_norm(module, name='weight', dim=0): weight_g/weight_v parameters and a
 * forward pre-hook that recomputes the plain `weight` attribute before every forward. */
export async function legacyWeightNorm(m: Module, name = 'weight', dim: number | null = 0): Promise<Module> {
  await protocols.warn('FutureWarning', LEGACY_WEIGHT_NORM_WARNING);
  const d = dim === null ? -1 : dim;
  const weight = (await getattr(m, name)) as Tensor;
  m.params().delete(name);
  const data = (t: Tensor): Tensor => new Tensor(t.storage, t.shape, t.strides, t.offset);
  await m.registerParameter(`${name}_g`, makeParameter(data(withNoGrad(() => normExceptDim(weight, 2, d)))));
  await m.registerParameter(`${name}_v`, makeParameter(data(weight)));
  const compute = async (mod: Module): Promise<Tensor> =>
    weightNorm((await getattr(mod, `${name}_v`)) as Tensor, (await getattr(mod, `${name}_g`)) as Tensor, d);
  await moduleSetattr(m, name, await compute(m));
  const hook = new PyBuiltinFunction('WeightNorm', async (a) => {
    await moduleSetattr(a[0] as Module, name, await compute(a[0] as Module));
    return null;
  });
  legacyHooks.set(hook, {
    kind: 'weight_norm',
    name,
    // WeightNorm.remove: the current weight becomes a plain Parameter again (appended last).
    remove: async (mod) => {
      const w = await compute(mod);
      await moduleDelattr(mod, name);
      mod.params().delete(`${name}_g`);
      mod.params().delete(`${name}_v`);
      await moduleSetattr(mod, name, makeParameter(detach(w)));
    },
  });
  registerForwardPreHook(m, hook);
  return m;
}

/** The legacy norms' forward pre-hooks, for remove_weight_norm / remove_spectral_norm. */
export interface LegacyNormHook {
  kind: 'weight_norm' | 'spectral_norm';
  name: string;
  remove(m: Module): Promise<void>;
}
export const legacyHooks = new WeakMap<object, LegacyNormHook>();


// ---- legacy torch.nn.utils.spectral_norm --------------------------------------------------------

function legacyWeightMatrix(w: Tensor, dim: number): Tensor {
  const p = dim === 0 ? w : permute(w, [dim, ...w.shape.map((_, i) => i).filter((i) => i !== dim)]);
  return reshape(p, [p.shape[0], -1]);
}

/** torch.nn.utils.spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None):
 * `weight_orig` parameter, `weight_u`/`weight_v` buffers, and a forward pre-hook that sets the plain
 * `weight` attribute to weight_orig / sigma (power iteration in place in training mode). */
export async function legacySpectralNorm(m: Module, name = 'weight', nPowerIterations = 1, eps = 1e-12, dim: number | null = null): Promise<Module> {
  const d = dim ?? (m.cls.mro.some((t) => t.name.startsWith('ConvTranspose')) ? 1 : 0);
  if (nPowerIterations <= 0) {
    throw valueError(`Expected n_power_iterations to be positive, but got n_power_iterations=${nPowerIterations}`);
  }
  const weight = m.params().get(name) as Tensor | null | undefined;
  if (weight === null || weight === undefined) {
    if (weight === null) throw valueError(`\`SpectralNorm\` cannot be applied as parameter \`${name}\` is None`);
    throw keyError(name);
  }
  const [u, v] = withNoGrad(() => {
    const wm = legacyWeightMatrix(weight, d);
    const [h, w] = wm.shape;
    const draw = (n: number): Tensor => {
      const t = Tensor.empty([n], weight.dtype);
      normal_(defaultGenerator, weight.dtype, t.storage.data as Float32Array, 0, 1);
      return normalize(t, 2, 0, eps);
    };
    return [draw(h), draw(w)];
  });
  m.params().delete(name);
  await m.registerParameter(`${name}_orig`, weight);
  await moduleSetattr(m, name, new Tensor(weight.storage, weight.shape, weight.strides, weight.offset));
  await m.registerBuffer(`${name}_u`, u);
  await m.registerBuffer(`${name}_v`, v);
  const compute = async (mod: Module, powerIteration: boolean): Promise<Tensor> => {
    const w = (await getattr(mod, `${name}_orig`)) as Tensor;
    let uu = (await getattr(mod, `${name}_u`)) as Tensor;
    let vv = (await getattr(mod, `${name}_v`)) as Tensor;
    const wm = legacyWeightMatrix(w, d);
    if (powerIteration) {
      withNoGrad(() => {
        for (let i = 0; i < nPowerIterations; i++) {
          copy_(vv, normalize(mv(mT(wm), uu), 2, 0, eps));
          copy_(uu, normalize(mv(wm, vv), 2, 0, eps));
        }
        uu = clone(uu, true);
        vv = clone(vv, true);
      });
    }
    return div(w, dot(uu, mv(wm, vv)));
  };
  const hook = new PyBuiltinFunction('SpectralNorm', async (a) => {
    const mod = a[0] as Module;
    await moduleSetattr(mod, name, await compute(mod, mod.training));
    return null;
  });
  legacyHooks.set(hook, {
    kind: 'spectral_norm',
    name,
    // SpectralNorm.remove: weight without a power iteration, registered as a new Parameter.
    remove: async (mod) => {
      const w = await withNoGradAsync(() => compute(mod, false));
      for (const k of [name, `${name}_u`, `${name}_v`, `${name}_orig`]) await moduleDelattr(mod, k);
      await mod.registerParameter(name, makeParameter(detach(w)));
    },
  });
  registerForwardPreHook(m, hook);
  return m;
}

async function withNoGradAsync<T>(f: () => Promise<T>): Promise<T> {
  const prev = setGradEnabled(false);
  try {
    return await f();
  } finally {
    setGradEnabled(prev);
  }
}
