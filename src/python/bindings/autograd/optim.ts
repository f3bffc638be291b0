// torch.optim.SGD and torch.optim.Adam as native Python classes: PyTorch's constructor checks and
// texts, `param_groups` (a list of dicts the script can edit: lr schedules write group['lr']),
// `state` (a dict keyed by parameter), step() / zero_grad(set_to_none=True) and the repr. The
// update rules are PyTorch's single-tensor CPU paths (_single_tensor_sgd / _single_tensor_adam),
// run with grad mode off on the parameters in place (so their version counters move).

import { PyError } from '../../../errors';
import { setGradEnabled } from '../../../tensor/grad';
import { Tensor } from '../../../tensor/tensor';
import { legacyTypeName } from '../../../tensor/dtype';
import * as A from '../../../tensor/ops/arith';
import * as U from '../../../tensor/ops/unary';
import { clone } from '../../../tensor/ops/copy';
import { detach } from '../../../tensor/ops/views';
import { zerosLike } from '../../../tensor/ops/creation';
import { zero_ } from '../../../tensor/ops/copy';
import { str } from '../../builtins/repr';
import { warn } from '../../builtins/warnings';
import { PyBuiltinFunction, PyDict, PyFloat, PyList, PyObject, PySet, PyTuple, call, makeType, type PyType, type PyValue } from '../../object';
import { binder } from '../args';
import { num, truthy } from './convert';

export const OptimizerType: PyType = makeType('Optimizer', [], 'torch.optim.optimizer');

/** `optimizer.state`: PyTorch's defaultdict(dict) keyed by parameter (a missing key reads as a
 * fresh empty dict, stored). Wraps a PyDict; implements the mapping protocol natively. */
export const DefaultDictType: PyType = makeType('defaultdict', [], 'collections');
class DefaultDictObject extends PyObject {
  constructor(readonly d = new PyDict()) {
    super(DefaultDictType, null);
  }
}
{
  const m = (name: string, f: (o: DefaultDictObject, a: PyValue[]) => PyValue | Promise<PyValue>): void => {
    DefaultDictType.dict!.set(name, new PyBuiltinFunction(name, (a) => f(a[0] as DefaultDictObject, a.slice(1)), `defaultdict.${name}`));
  };
  m('__getitem__', (o, [k]) => {
    let v = o.d.get(k);
    if (v === undefined) o.d.set(k, (v = new PyDict()));
    return v;
  });
  m('__setitem__', (o, [k, v]) => (o.d.set(k, v), null));
  m('__delitem__', (o, [k]) => (o.d.delete(k), null));
  m('__len__', (o) => o.d.size);
  m('__contains__', (o, [k]) => o.d.has(k));
  m('__iter__', async (o) => call((await import('../../interp')).BUILTINS.get('iter')!, [new PyList([...o.d.keys()])]));
  m('keys', (o) => new PyList([...o.d.keys()]));
  m('values', (o) => new PyList([...o.d.values()]));
  m('items', (o) => new PyList([...o.d.entries()].map(([k, v]) => new PyTuple([k, v]))));
  m('get', (o, [k, dflt]) => o.d.get(k) ?? dflt ?? null);
  m('__repr__', async (o) => `defaultdict(<class 'dict'>, ${await str(o.d)})`);
}

class OptimizerObject extends PyObject {
  groups = new PyList();
  stateObj = new DefaultDictObject();
  get state(): PyDict {
    return this.stateObj.d;
  }
  defaults = new PyDict();
}

const typename = (v: PyValue): string => (v instanceof Tensor ? legacyTypeName(v.dtype) : `${v === null ? 'NoneType' : (v as object).constructor.name}`);

async function addParamGroup(o: OptimizerObject, group: PyDict): Promise<void> {
  let params = group.get('params')!;
  if (params instanceof Tensor) params = new PyList([params]);
  else if (params instanceof PySet)
    throw new PyError('TypeError', 'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.');
  else if (params instanceof PyTuple) params = new PyList([...params.items]);
  else if (!(params instanceof PyList)) params = new PyList([...(await listOf(params))]);
  const list = params as PyList;
  for (const p of list.items) {
    if (!(p instanceof Tensor)) throw new PyError('TypeError', `optimizer can only optimize Tensors, but one of the params is ${typename(p)}`);
    if (!(p.gradFn === null || p.retainsGrad)) throw new PyError('ValueError', "can't optimize a non-leaf Tensor");
  }
  group.set('params', list);
  for (const [k, v] of o.defaults.entries()) if (!group.has(k)) group.set(k, v);
  if (new Set(list.items).size !== list.items.length)
    await warn(
      'UserWarning',
      'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information',
      3,
    );
  const seen = new Set<PyValue>();
  for (const g of o.groups.items) for (const p of ((g as PyDict).get('params') as PyList).items) seen.add(p);
  if (list.items.some((p) => seen.has(p))) throw new PyError('ValueError', 'some parameters appear in more than one parameter group');
  o.groups.items.push(group);
}

async function listOf(v: PyValue): Promise<PyValue[]> {
  const builtinsList = (await import('../../interp')).BUILTINS.get('list');
  const l = await call(builtinsList as PyValue, [v]);
  return (l as PyList).items;
}

async function initOptimizer(o: OptimizerObject, params: PyValue, defaults: [string, PyValue][]): Promise<void> {
  for (const [k, v] of defaults) o.defaults.set(k, v);
  if (params instanceof Tensor)
    throw new PyError('TypeError', `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typename(params)}`);
  const groups = await listOf(params);
  if (groups.length === 0) throw new PyError('ValueError', 'optimizer got an empty parameter list');
  const dicts = groups[0] instanceof PyDict ? (groups as PyDict[]) : [PyDict.fromEntries([['params', new PyList(groups)]])];
  for (const g of dicts) await addParamGroup(o, PyDict.fromEntries(g.entries()));
  const d = o.dict!;
  d.set('param_groups', o.groups);
  d.set('state', o.stateObj);
  d.set('defaults', o.defaults);
}

const pf = (v: number): PyFloat => new PyFloat(v);
/** A Python number as given (int stays int), for defaults/reprs. */
const keep = (v: PyValue): PyValue => v;

function paramsWithGrad(g: PyDict): Tensor[] {
  return ((g.get('params') as PyList).items as Tensor[]).filter((p) => p.grad !== null);
}

function stateOf(o: OptimizerObject, p: Tensor): PyDict {
  let s = o.state.get(p) as PyDict | undefined;
  if (s === undefined) o.state.set(p, (s = new PyDict()));
  return s;
}

async function withNoGradAsync<T>(f: () => Promise<T> | T): Promise<T> {
  const prev = setGradEnabled(false);
  try {
    return await f();
  } finally {
    setGradEnabled(prev);
  }
}

function sgdStep(o: OptimizerObject): void {
  for (const gv of o.groups.items) {
    const g = gv as PyDict;
    const lr = num(g.get('lr')!);
    const momentum = num(g.get('momentum')!);
    const dampening = num(g.get('dampening')!);
    const wd = num(g.get('weight_decay')!);
    const nesterov = truthy(g.get('nesterov'));
    const maximize = truthy(g.get('maximize'));
    for (const p of paramsWithGrad(g)) {
      let dp = maximize ? U.neg(p.grad!) : p.grad!;
      if (wd !== 0) dp = A.add(dp, p, wd);
      if (momentum !== 0) {
        const st = stateOf(o, p);
        let buf = st.get('momentum_buffer') as Tensor | null | undefined;
        if (buf === undefined || buf === null) {
          buf = clone(detach(dp));
          st.set('momentum_buffer', buf);
        } else {
          A.mul_(buf, momentum);
          A.add_(buf, dp, 1 - dampening);
        }
        dp = nesterov ? A.add(dp, buf, momentum) : buf;
      }
      A.add_(p, dp, -lr);
    }
  }
}

function adamStep(o: OptimizerObject): void {
  for (const gv of o.groups.items) {
    const g = gv as PyDict;
    const lr = num(g.get('lr')!);
    const betas = g.get('betas') as PyTuple;
    const [b1, b2] = [num(betas.items[0]), num(betas.items[1])];
    const eps = num(g.get('eps')!);
    const wd = num(g.get('weight_decay')!);
    const amsgrad = truthy(g.get('amsgrad'));
    const maximize = truthy(g.get('maximize'));
    for (const p of paramsWithGrad(g)) {
      const st = stateOf(o, p);
      if (!st.has('step')) {
        st.set('step', Tensor.fromArray(Float32Array.from([0]), [], 'float32'));
        st.set('exp_avg', zerosLike(p));
        st.set('exp_avg_sq', zerosLike(p));
        if (amsgrad) st.set('max_exp_avg_sq', zerosLike(p));
      }
      let grad = maximize ? U.neg(p.grad!) : p.grad!;
      const stepT = st.get('step') as Tensor;
      A.add_(stepT, 1);
      if (wd !== 0) grad = A.add(grad, p, wd);
      const expAvg = st.get('exp_avg') as Tensor;
      const expAvgSq = st.get('exp_avg_sq') as Tensor;
      A.lerp_(expAvg, grad, 1 - b1);
      A.mul_(expAvgSq, b2);
      A.addcmul_(expAvgSq, grad, grad, 1 - b2);
      const step = Number(stepT.item());
      const bc1 = 1 - b1 ** step;
      const bc2 = 1 - b2 ** step;
      const stepSize = lr / bc1;
      const bc2Sqrt = Math.sqrt(bc2);
      let denom: Tensor;
      if (amsgrad) {
        const mx = st.get('max_exp_avg_sq') as Tensor;
        const m = A.maximum(mx, expAvgSq);
        mx.storage.data.set(m.storage.data as never);
        mx.bumpVersion();
        denom = A.add_(A.div(U.sqrt(mx), bc2Sqrt), eps);
      } else denom = A.add_(A.div(U.sqrt(expAvgSq), bc2Sqrt), eps);
      A.addcdiv_(p, expAvg, denom, -stepSize);
    }
  }
}

function defineOptimizerMethods(t: PyType, stepFn: (o: OptimizerObject) => void): void {
  const d = t.dict!;
  d.set('step', new PyBuiltinFunction('step', async (a) => {
    const o = a[0] as OptimizerObject;
    const closure = a[1] ?? null;
    let loss: PyValue = null;
    if (closure !== null) {
      const prev = setGradEnabled(true);
      try {
        loss = await call(closure, []);
      } finally {
        setGradEnabled(prev);
      }
    }
    await withNoGradAsync(() => stepFn(o));
    return loss;
  }, `${t.name}.step`));
}

const bindZero = binder('zero_grad(self, set_to_none=True)');
OptimizerType.dict!.set('zero_grad', new PyBuiltinFunction('zero_grad', (a, kw) => {
  const [self, setToNone] = bindZero(a, kw).values;
  const o = self as OptimizerObject;
  for (const g of o.groups.items)
    for (const p of ((g as PyDict).get('params') as PyList).items as Tensor[]) {
      if (p.grad === null) continue;
      if (truthy(setToNone)) p.grad = null;
      else {
        if (p.grad.gradFn !== null) p.grad = detach(p.grad);
        else p.grad.requiresGrad = false;
        zero_(p.grad);
      }
    }
  return null;
}, 'Optimizer.zero_grad'));
OptimizerType.dict!.set('add_param_group', new PyBuiltinFunction('add_param_group', async (a) => {
  const g = a[1];
  if (!(g instanceof PyDict)) throw new PyError('TypeError', `param_group must be a dict, but got ${typename(g)}`);
  await addParamGroup(a[0] as OptimizerObject, g);
  return null;
}, 'Optimizer.add_param_group'));
OptimizerType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
  const o = a[0] as OptimizerObject;
  let s = `${o.cls.name} (`;
  for (let i = 0; i < o.groups.items.length; i++) {
    const g = o.groups.items[i] as PyDict;
    s += `\nParameter Group ${i}\n`;
    const keys = ([...g.keys()] as string[]).filter((k) => k !== 'params').sort();
    for (const k of keys) s += `    ${k}: ${await str(g.get(k)!)}\n`;
  }
  return s + ')';
}, 'Optimizer.__repr__'));
OptimizerType.dict!.set('state_dict', new PyBuiltinFunction('state_dict', (a) => {
  const o = a[0] as OptimizerObject;
  const ids = new Map<PyValue, number>();
  const groups = o.groups.items.map((gv) => {
    const g = gv as PyDict;
    const out = PyDict.fromEntries([...g.entries()].filter(([k]) => k !== 'params'));
    out.set('params', new PyList(((g.get('params') as PyList).items).map((p) => {
      if (!ids.has(p)) ids.set(p, ids.size);
      return ids.get(p)!;
    })));
    return out;
  });
  const state = PyDict.fromEntries([...o.state.entries()].map(([p, s]) => [ids.get(p) ?? -1, s] as const));
  return PyDict.fromEntries([['state', state], ['param_groups', new PyList(groups)]]);
}, 'Optimizer.state_dict'));

OptimizerType.slots.create = (cls) => new OptimizerObject(cls, new Map());

// ---- SGD ------------------------------------------------------------------------------------------
export const SGDType: PyType = makeType('SGD', [OptimizerType], 'torch.optim.sgd');
const bindSgd = binder('SGD(self, params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)');
SGDType.dict!.set('__init__', new PyBuiltinFunction('__init__', async (a, kw) => {
  const [self, params, lr, momentum, dampening, wd, nesterov, maximize, foreach, differentiable, fused] = bindSgd(a, kw).values;
  if (num(lr) < 0) throw new PyError('ValueError', `Invalid learning rate: ${await str(lr)}`);
  if (num(momentum) < 0) throw new PyError('ValueError', `Invalid momentum value: ${await str(momentum)}`);
  if (num(wd) < 0) throw new PyError('ValueError', `Invalid weight_decay value: ${await str(wd)}`);
  if (truthy(nesterov) && (num(momentum) <= 0 || num(dampening) !== 0))
    throw new PyError('ValueError', 'Nesterov momentum requires a momentum and zero dampening');
  await initOptimizer(self as OptimizerObject, params, [
    ['lr', keep(lr)], ['momentum', keep(momentum)], ['dampening', keep(dampening)], ['weight_decay', keep(wd)], ['nesterov', nesterov],
    ['maximize', maximize], ['foreach', foreach], ['differentiable', differentiable], ['fused', fused],
  ]);
  return null;
}, 'SGD.__init__'));
defineOptimizerMethods(SGDType, sgdStep);

// ---- Adam -----------------------------------------------------------------------------------------
export const AdamType: PyType = makeType('Adam', [OptimizerType], 'torch.optim.adam');
const bindAdam = binder(
  'Adam(self, params, lr=0.001, betas=None, eps=1e-08, weight_decay=0, amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None)',
);
AdamType.dict!.set('__init__', new PyBuiltinFunction('__init__', async (a, kw) => {
  const [self, params, lr, betasIn, eps, wd, amsgrad, foreach, maximize, capturable, differentiable, fused] = bindAdam(a, kw).values;
  const betas = betasIn instanceof PyTuple || betasIn instanceof PyList ? betasIn.items : [pf(0.9), pf(0.999)];
  if (!(num(lr) >= 0)) throw new PyError('ValueError', `Invalid learning rate: ${await str(lr)}`);
  if (!(num(eps) >= 0)) throw new PyError('ValueError', `Invalid epsilon value: ${await str(eps)}`);
  for (const i of [0, 1])
    if (!(num(betas[i]) >= 0 && num(betas[i]) < 1)) throw new PyError('ValueError', `Invalid beta parameter at index ${i}: ${await str(betas[i])}`);
  if (!(num(wd) >= 0)) throw new PyError('ValueError', `Invalid weight_decay value: ${await str(wd)}`);
  await initOptimizer(self as OptimizerObject, params, [
    ['lr', keep(lr)], ['betas', new PyTuple(betas)], ['eps', keep(eps)], ['weight_decay', keep(wd)], ['amsgrad', amsgrad],
    ['maximize', maximize], ['foreach', foreach], ['capturable', capturable], ['differentiable', differentiable], ['fused', fused],
  ]);
  return null;
}, 'Adam.__init__'));
defineOptimizerMethods(AdamType, adamStep);

export function optimEntries(): [string, PyValue][] {
  return [['Optimizer', OptimizerType], ['SGD', SGDType], ['Adam', AdamType]];
}
