// torch.Generator (`torch._C.Generator`): a Python object around the engine's bit-exact mt19937
// Generator (src/tensor/random). `torch.default_generator` wraps the engine's default one, so
// torch.manual_seed and an explicit `generator=` argument draw from the same streams as PyTorch.

import { PyError } from '../../../../errors';
import { defaultGenerator, Generator } from '../../../../tensor/random';
import { type PyValue, PyBuiltinFunction, PyFloat, PyObject, makeType, nativeProperty } from '../../../object';
import { setTpName } from '../tpname';
import { TorchDevice } from './device';

export const GeneratorType = makeType('Generator', [], 'torch._C');
setTpName(GeneratorType, 'torch._C.Generator');

export class TorchGenerator extends PyObject {
  constructor(readonly gen: Generator) {
    super(GeneratorType, null);
  }
}

export const defaultGeneratorObject = new TorchGenerator(defaultGenerator);

/** A seed argument as torch.manual_seed takes it: `int(seed)` semantics. */
export function seedArg(v: PyValue): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) {
    if (!Number.isFinite(v.v)) {
      throw new PyError(Number.isNaN(v.v) ? 'ValueError' : 'OverflowError',
        Number.isNaN(v.v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    }
    return Math.trunc(v.v);
  }
  if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    if (/^[-+]?\d+$/.test(s)) return BigInt(s);
    throw new PyError('ValueError', `invalid literal for int() with base 10: ${JSON.stringify(v).replace(/^"|"$/g, "'")}`);
  }
  throw new PyError('TypeError', `manual_seed expected a long, but got ${typeof v}`);
}

/** Python int from an engine bigint (small values as numbers). */
export const pyInt = (b: bigint): number | bigint => (b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : b);

const g = GeneratorType.dict!;
const self = (v: PyValue): TorchGenerator => v as TorchGenerator;
g.set('manual_seed', new PyBuiltinFunction('manual_seed', (a) => {
  self(a[0]).gen.manualSeed(seedArg(a[1] ?? null));
  return a[0];
}, 'Generator.manual_seed'));
g.set('initial_seed', new PyBuiltinFunction('initial_seed', (a) => pyInt(self(a[0]).gen.initialSeed()), 'Generator.initial_seed'));
g.set('seed', new PyBuiltinFunction('seed', (a) => pyInt(self(a[0]).gen.seed()), 'Generator.seed'));
g.set('device', nativeProperty('device', () => new TorchDevice('cpu', null)));
GeneratorType.slots.create = (_cls, args, kwargs) => {
  const dev = args[0] ?? kwargs?.get('device') ?? 'cpu';
  if (dev !== 'cpu' && !(dev instanceof TorchDevice && dev.type === 'cpu')) {
    throw new PyError('RuntimeError', 'Device type CUDA is not supported for torch.Generator() api.');
  }
  return new TorchGenerator(new Generator());
};
