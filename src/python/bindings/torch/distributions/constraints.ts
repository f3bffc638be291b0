// torch.distributions.constraints: the objects a distribution's `arg_constraints` and `support`
// name, each with `check(value)` (a bool tensor, computed with the same comparisons as PyTorch's
// constraints.py so NaN and boundary values land the same way), `is_discrete`, `event_dim` and
// the repr that validation errors print (`Real()`, `GreaterThan(lower_bound=0.0)`,
// `IndependentConstraint(Real(), 1)`). Built once per run with the torch.distributions module.

import { PyError } from '../../../../errors';
import { formatValue } from '../../../builtins/format';
import { compare } from '../../../builtins/compare';
import { repr } from '../../../builtins/repr';
import { PyBuiltinFunction, PyModule, PyObject, call, getattr, makeType, nativeProperty, type PyType, type PyValue } from '../../../object';
import { binder } from '../../args';
import { binop } from '../../../builtins/ops';
import { type V, and as binopAnd, m, shapeOf, size, f } from './ops';

const MODULE = 'torch.distributions.constraints';

/** A constraint instance. `checkFn` is the native check; a Python subclass overrides `check`. */
export class ConstraintObject extends PyObject {
  constructor(
    cls: PyType,
    readonly checkFn: ((self: ConstraintObject, v: V) => Promise<V>) | null,
    readonly reprFn: (self: ConstraintObject) => Promise<string>,
    dict: Map<string, PyValue> = new Map(),
  ) {
    super(cls, dict);
  }
}

export const ConstraintType = makeType('Constraint', [], MODULE);
const CD = ConstraintType.dict!;
CD.set('is_discrete', false);
CD.set('event_dim', 0);
CD.set('check', new PyBuiltinFunction('check', async (a) => {
  const self = a[0];
  if (self instanceof ConstraintObject && self.checkFn) return self.checkFn(self, a[1]);
  throw new PyError('NotImplementedError', '');
}, 'Constraint.check'));
CD.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
  const self = a[0];
  if (self instanceof ConstraintObject) return self.reprFn(self);
  return `${(self as PyObject).cls.name.slice(1)}()`;
}, 'Constraint.__repr__'));

const plainRepr = async (c: ConstraintObject): Promise<string> => `${c.cls.name.slice(1)}()`;
/** `f'{name}(lower_bound={lb}, upper_bound={ub})'` with the given keys. */
const boundsRepr = (keys: string[]) => async (c: ConstraintObject): Promise<string> => {
  const parts: string[] = [];
  for (const k of keys) parts.push(`${k}=${await formatValue(c.dict!.get(k)!, '')}`);
  return `${c.cls.name.slice(1)}(${parts.join(', ')})`;
};

function sub(name: string, base: PyType = ConstraintType, attrs: Record<string, PyValue> = {}): PyType {
  const t = makeType(name, [base], MODULE);
  for (const [k, v] of Object.entries(attrs)) t.dict!.set(k, v);
  return t;
}

const or = (a: V, b: V): Promise<V> => binop('BitOr', a, b);
/** `a == b` with a tensor on the left. (Through Tensor.__eq__ itself: the interpreter's `==`
 * helper answers True for `x == x` without asking the tensor.) */
const eq = (a: V, b: V): Promise<V> => m(a, '__eq__', [b]);
const isInt = async (v: V): Promise<V> => eq(await binop('Mod', v, 1), 0);

// ---- the classes ------------------------------------------------------------------------------

export const DependentType = sub('_Dependent');
export const BooleanType = sub('_Boolean', ConstraintType, { is_discrete: true });
export const OneHotType = sub('_OneHot', ConstraintType, { is_discrete: true, event_dim: 1 });
export const IntegerIntervalType = sub('_IntegerInterval', ConstraintType, { is_discrete: true });
export const IntegerGreaterThanType = sub('_IntegerGreaterThan', ConstraintType, { is_discrete: true });
export const RealType = sub('_Real');
export const GreaterThanType = sub('_GreaterThan');
export const GreaterThanEqType = sub('_GreaterThanEq');
export const LessThanType = sub('_LessThan');
export const IntervalType = sub('_Interval');
export const HalfOpenIntervalType = sub('_HalfOpenInterval');
export const SimplexType = sub('_Simplex', ConstraintType, { event_dim: 1 });
export const LowerTriangularType = sub('_LowerTriangular', ConstraintType, { event_dim: 2 });
export const LowerCholeskyType = sub('_LowerCholesky', ConstraintType, { event_dim: 2 });
export const IndependentConstraintType = sub('_IndependentConstraint');

// dependent: checking it is an error; `is_discrete` / `event_dim` come from the instance
DependentType.dict!.set('is_discrete', nativeProperty('is_discrete', (s) => staticField(s, '_is_discrete', 'is_discrete')));
DependentType.dict!.set('event_dim', nativeProperty('event_dim', (s) => staticField(s, '_event_dim', 'event_dim')));
function staticField(s: PyValue, key: string, name: string): PyValue {
  const v = (s as PyObject).dict!.get(key) ?? null;
  if (v === NOT_SET) throw new PyError('NotImplementedError', `.${name} cannot be determined statically`);
  return v;
}
const NOT_SET = Symbol('NotImplemented') as unknown as PyValue;

export function dependent(isDiscrete: PyValue = NOT_SET, eventDim: PyValue = NOT_SET): ConstraintObject {
  return new ConstraintObject(DependentType, async () => {
    throw new PyError('ValueError', 'Cannot determine validity of dependent constraint');
  }, plainRepr, new Map([['_is_discrete', isDiscrete], ['_event_dim', eventDim]]));
}
export const isDependent = (c: PyValue): boolean => c instanceof PyObject && c.cls.isSubtypeOf(DependentType);

export const real = (): ConstraintObject => new ConstraintObject(RealType, async (_c, v) => eq(v, v), plainRepr);
export const boolean = (): ConstraintObject => new ConstraintObject(BooleanType, async (_c, v) => or(await eq(v, 0), await eq(v, 1)), plainRepr);
export const oneHot = (): ConstraintObject =>
  new ConstraintObject(OneHotType, async (_c, v) => {
    const isBool = await or(await eq(v, 0), await eq(v, 1));
    const normalized = await m(await m(v, 'sum', [-1]), 'eq', [1]);
    return binopAnd(await m(isBool, 'all', [-1]), normalized);
  }, plainRepr);

export function greaterThan(lb: PyValue): ConstraintObject {
  return new ConstraintObject(GreaterThanType, async (c, v) => compare('Lt', c.dict!.get('lower_bound')!, v), boundsRepr(['lower_bound']), new Map([['lower_bound', lb]]));
}
export function greaterThanEq(lb: PyValue): ConstraintObject {
  return new ConstraintObject(GreaterThanEqType, async (c, v) => compare('LtE', c.dict!.get('lower_bound')!, v), boundsRepr(['lower_bound']), new Map([['lower_bound', lb]]));
}
export function lessThan(ub: PyValue): ConstraintObject {
  return new ConstraintObject(LessThanType, async (c, v) => compare('Lt', v, c.dict!.get('upper_bound')!), boundsRepr(['upper_bound']), new Map([['upper_bound', ub]]));
}
export function interval(lb: PyValue, ub: PyValue): ConstraintObject {
  return new ConstraintObject(IntervalType, async (c, v) =>
    binopAnd(await compare('LtE', c.dict!.get('lower_bound')!, v), await compare('LtE', v, c.dict!.get('upper_bound')!)),
  boundsRepr(['lower_bound', 'upper_bound']), new Map([['lower_bound', lb], ['upper_bound', ub]]));
}
export function halfOpenInterval(lb: PyValue, ub: PyValue): ConstraintObject {
  return new ConstraintObject(HalfOpenIntervalType, async (c, v) =>
    binopAnd(await compare('LtE', c.dict!.get('lower_bound')!, v), await compare('Lt', v, c.dict!.get('upper_bound')!)),
  boundsRepr(['lower_bound', 'upper_bound']), new Map([['lower_bound', lb], ['upper_bound', ub]]));
}
export function integerInterval(lb: PyValue, ub: PyValue): ConstraintObject {
  return new ConstraintObject(IntegerIntervalType, async (c, v) => {
    const a = await binopAnd(await isInt(v), await compare('LtE', c.dict!.get('lower_bound')!, v));
    return binopAnd(a, await compare('LtE', v, c.dict!.get('upper_bound')!));
  }, boundsRepr(['lower_bound', 'upper_bound']), new Map([['lower_bound', lb], ['upper_bound', ub]]));
}
export function integerGreaterThan(lb: PyValue): ConstraintObject {
  return new ConstraintObject(IntegerGreaterThanType, async (c, v) => binopAnd(await isInt(v), await compare('GtE', v, c.dict!.get('lower_bound')!)),
    boundsRepr(['lower_bound']), new Map([['lower_bound', lb]]));
}
export const simplex = (): ConstraintObject =>
  new ConstraintObject(SimplexType, async (_c, v) => {
    const nonneg = await m(await compare('GtE', v, 0), 'all', [], { dim: -1 });
    const close = await compare('Lt', await m(await binop('Sub', await m(v, 'sum', [-1]), 1), 'abs'), f(1e-6));
    return binopAnd(nonneg, close);
  }, plainRepr);

async function lowerTriangularCheck(v: V): Promise<V> {
  const same = await eq(await m(v, 'tril'), v);
  const shape = shapeOf(v);
  return (await m(await m(same, 'view', [size([...shape.slice(0, -2), -1])]), 'min', [-1]) as { items: V[] }).items[0];
}
export const lowerTriangular = (): ConstraintObject => new ConstraintObject(LowerTriangularType, async (_c, v) => lowerTriangularCheck(v), plainRepr);
export const lowerCholesky = (): ConstraintObject =>
  new ConstraintObject(LowerCholeskyType, async (_c, v) => {
    const lower = await lowerTriangularCheck(v);
    const diag = await compare('Gt', await m(v, 'diagonal', [], { dim1: -2, dim2: -1 }), 0);
    const pos = ((await m(diag, 'min', [-1])) as { items: V[] }).items[0];
    return binopAnd(lower, pos);
  }, plainRepr);

export function independent(base: PyValue, n: PyValue): ConstraintObject {
  return new ConstraintObject(IndependentConstraintType, async (c, v) => {
    const b = c.dict!.get('base_constraint')!;
    const k = Number(c.dict!.get('reinterpreted_batch_ndims'));
    let result = await call(await getattr(b, 'check'), [v]);
    const shape = shapeOf(result);
    if (shape.length < k) {
      const expected = Number(await getattr(b, 'event_dim')) + k;
      throw new PyError('ValueError', `Expected value.dim() >= ${expected} but got ${shapeOf(v).length}`);
    }
    result = await m(result, 'reshape', [size([...shape.slice(0, shape.length - k), -1])]);
    return m(result, 'all', [-1]);
  }, async (c) => `${c.cls.name.slice(1)}(${await repr(c.dict!.get('base_constraint')!)}, ${c.dict!.get('reinterpreted_batch_ndims')})`,
  new Map([['base_constraint', base], ['reinterpreted_batch_ndims', n]]));
}
IndependentConstraintType.dict!.set('is_discrete', nativeProperty('is_discrete', async (s) =>
  getattr((s as PyObject).dict!.get('base_constraint')!, 'is_discrete')));
IndependentConstraintType.dict!.set('event_dim', nativeProperty('event_dim', async (s) => {
  const d = (s as PyObject).dict!;
  return Number(await getattr(d.get('base_constraint')!, 'event_dim')) + Number(d.get('reinterpreted_batch_ndims'));
}));

// ---- the module -----------------------------------------------------------------------------

const factory = (name: string, sig: string, make: (...a: PyValue[]) => ConstraintObject): PyBuiltinFunction => {
  const bind = binder(`${name}(${sig})`);
  return new PyBuiltinFunction(name, (a, kw) => make(...bind(a, kw).values), `${MODULE}.${name}`);
};

/** One fresh torch.distributions.constraints module (per run). */
export function constraintsModule(): PyModule {
  const d = new Map<string, PyValue>();
  d.set('Constraint', ConstraintType);
  d.set('dependent', dependent());
  d.set('is_dependent', new PyBuiltinFunction('is_dependent', (a) => isDependent(a[0]), `${MODULE}.is_dependent`));
  d.set('boolean', C.boolean);
  d.set('one_hot', C.oneHot);
  d.set('nonnegative_integer', integerGreaterThan(0));
  d.set('positive_integer', integerGreaterThan(1));
  d.set('real', C.real);
  d.set('real_vector', C.realVector);
  d.set('positive', C.positive);
  d.set('nonnegative', C.nonnegative);
  d.set('unit_interval', C.unitInterval);
  d.set('simplex', C.simplex);
  d.set('lower_triangular', lowerTriangular());
  d.set('lower_cholesky', C.lowerCholesky);
  d.set('integer_interval', factory('integer_interval', 'lower_bound, upper_bound', integerInterval));
  d.set('interval', factory('interval', 'lower_bound, upper_bound', interval));
  d.set('half_open_interval', factory('half_open_interval', 'lower_bound, upper_bound', halfOpenInterval));
  d.set('greater_than', factory('greater_than', 'lower_bound', greaterThan));
  d.set('greater_than_eq', factory('greater_than_eq', 'lower_bound', greaterThanEq));
  d.set('less_than', factory('less_than', 'upper_bound', lessThan));
  d.set('independent', factory('independent', 'base_constraint, reinterpreted_batch_ndims', independent));
  return new PyModule(MODULE, d);
}

/** The shared instances the distribution classes name in `arg_constraints` / `support`. */
export const C = {
  real: real(),
  realVector: independent(real(), 1),
  positive: greaterThan(f(0)),
  nonnegative: greaterThanEq(f(0)),
  unitInterval: interval(f(0), f(1)),
  boolean: boolean(),
  simplex: simplex(),
  oneHot: oneHot(),
  lowerCholesky: lowerCholesky(),
  dependent: dependent(false, 0),
};
