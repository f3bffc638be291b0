// torch.backends and the process-wide switches scripts flip at the top (cudnn.benchmark,
// deterministic algorithms, thread count), answered as PyTorch 2.6's CPU-only build answers them
// (checked with the oracle): no cuDNN, no MPS, no CUDA, oneDNN and OpenMP present. The flags are
// plain attributes a script may set and read back; nothing here changes how ops compute, since
// every kernel is deterministic already.

import { PyBuiltinFunction, PyModule, PyObject, makeType, type PyValue } from '../../object';

const fn = (m: Map<string, PyValue>, qual: string, f: (a: PyValue[]) => PyValue): void => {
  const name = qual.slice(qual.lastIndexOf('.') + 1);
  m.set(name, new PyBuiltinFunction(name, f, qual));
};

function sub(name: string, build: (m: Map<string, PyValue>, qual: string) => void): PyModule {
  const m = new Map<string, PyValue>();
  build(m, `torch.backends.${name}`);
  return new PyModule(`torch.backends.${name}`, m);
}

/** `torch.backends.cuda.matmul`: an object whose allow_tf32 a script may set. */
const CuBLASModuleType = makeType('cuBLASModule', [], 'torch.backends.cuda');

/** The torch.backends package and its submodules, keyed by dotted name (one set per run). */
export function backendsModules(): Map<string, PyModule> {
  const cudnn = sub('cudnn', (m, q) => {
    fn(m, `${q}.is_available`, () => false);
    fn(m, `${q}.version`, () => null);
    m.set('enabled', true);
    m.set('benchmark', false);
    m.set('deterministic', false);
    m.set('allow_tf32', true);
  });
  const mps = sub('mps', (m, q) => {
    fn(m, `${q}.is_available`, () => false);
    fn(m, `${q}.is_built`, () => false);
  });
  const cuda = sub('cuda', (m, q) => {
    fn(m, `${q}.is_built`, () => false);
    const matmul = new PyObject(CuBLASModuleType, new Map<string, PyValue>([['allow_tf32', false], ['allow_fp16_reduced_precision_reduction', true], ['allow_bf16_reduced_precision_reduction', true]]));
    m.set('matmul', matmul);
  });
  // the CPU capability of the machine the goldens come from (the oracle's AVX512 build)
  const cpu = sub('cpu', (m, q) => fn(m, `${q}.get_cpu_capability`, () => 'AVX512'));
  const mkldnn = sub('mkldnn', (m, q) => {
    fn(m, `${q}.is_available`, () => true);
    m.set('enabled', true);
  });
  const openmp = sub('openmp', (m, q) => fn(m, `${q}.is_available`, () => true));
  const parts = new Map<string, PyModule>([['cudnn', cudnn], ['mps', mps], ['cuda', cuda], ['cpu', cpu], ['mkldnn', mkldnn], ['openmp', openmp]]);
  const pkg = new PyModule('torch.backends', new Map<string, PyValue>(parts));
  const out = new Map<string, PyModule>([['torch.backends', pkg]]);
  for (const [k, v] of parts) out.set(`torch.backends.${k}`, v);
  return out;
}

/** torch.use_deterministic_algorithms / are_deterministic_algorithms_enabled, get/set_num_threads. */
export function determinismEntries(m: Map<string, PyValue>): void {
  let deterministic = false;
  let threads = Math.max(1, Number((globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1));
  m.set('use_deterministic_algorithms', new PyBuiltinFunction('use_deterministic_algorithms', (a) => ((deterministic = a[0] === true), null), 'torch.use_deterministic_algorithms'));
  m.set('are_deterministic_algorithms_enabled', new PyBuiltinFunction('are_deterministic_algorithms_enabled', () => deterministic, 'torch.are_deterministic_algorithms_enabled'));
  m.set('get_num_threads', new PyBuiltinFunction('get_num_threads', () => threads, 'torch.get_num_threads'));
  m.set('set_num_threads', new PyBuiltinFunction('set_num_threads', (a) => ((threads = Number(a[0])), null), 'torch.set_num_threads'));
}
