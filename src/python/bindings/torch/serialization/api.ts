// torch.save / torch.load and the torch.serialization module (add_safe_globals, safe_globals,
// get_safe_globals, clear_safe_globals). A "file" is an entry of the run's virtual file system
// (stdlib/vfs.ts), an io.BytesIO, or a binary file object from open(); what it holds is a
// Checkpoint (snapshot.ts). PyTorch 2.6's argument handling, defaults (weights_only=True) and
// error texts: the target checks of torch.save, the seekable check and FileNotFoundError of
// torch.load, the weights_only allowlist (globals.ts) and map_location (location.ts).

import { PyError } from '../../../../errors';
import {
  type KwArgs, type PyValue, MISSING, PyBuiltinFunction, PyList, PyObject, getattrOrMissing, makeType, typeOf,
} from '../../../object';
import { toArray } from '../../../builtins/iter';
import { truthyAsync } from '../../../builtins/ops';
import { binder } from '../../args';
import { warn } from '../../../builtins/warnings';
import './pickle';
import { method, raise } from '../../../stdlib/native';
import { type FileContent, fspathOrNull, vfs } from '../../../stdlib/vfs';
import { TextStream, asBinaryStream, readPayload, writePayload } from '../../../stdlib/streams';
import { StringIOType } from '../../../stdlib/streams';
import { Checkpoint, materialize, snapshot } from './snapshot';
import { resolveDevices } from './location';
import { UnpicklingError, checkPicklable, checkWeightsOnly, safeGlobalsList } from './globals';

const saveArgs = binder('save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True, _disable_byteorder_record=False)');
const loadArgs = binder('load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args)');
/** Keyword arguments pickle's Unpickler takes (torch.load passes the rest of **kwargs to it). */
const UNPICKLER_KWARGS = new Set(['fix_imports', 'encoding', 'errors', 'buffers']);

const dirnameOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
};

async function save(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [obj, f] = saveArgs(a, kw).values;
  const path = await fspathOrNull(f);
  const stream = asBinaryStream(f);
  if (path !== null) {
    // PyTorchFileWriter's checks (caffe2/serialize/inline_container.cc).
    const fs = vfs();
    if (!fs.parentExists(path)) throw new PyError('RuntimeError', `Parent directory ${dirnameOf(path)} does not exist.`);
    if (fs.isDir(path)) throw new PyError('RuntimeError', `File ${path} cannot be opened.`);
  } else if (stream === null) {
    if (f instanceof TextStream) {
      throw new PyError('TypeError', typeOf(f) === StringIOType ? "string argument expected, got 'bytes'" : 'write() argument must be str, not bytes');
    }
    if ((await getattrOrMissing(f, 'write')) === MISSING) {
      throw new PyError('AttributeError', "expected 'f' to be string, path, or a file-like object with a 'write' attribute");
    }
    throw new PyError('NotImplementedError', `torch.save into a '${typeOf(f).name}' object: only a path, io.BytesIO or a file from open(..., 'wb') can hold a checkpoint in this playground`);
  }
  await checkPicklable(obj);
  const cp = await snapshot(obj);
  if (path !== null) vfs().write(path, { kind: 'binary', payload: cp });
  else writePayload(stream!, cp);
  return null;
}

/** The content torch.load reads from `f` (a path or a readable binary stream). */
async function source(f: PyValue, mmap: boolean): Promise<FileContent> {
  const path = await fspathOrNull(f);
  if (path !== null) return vfs().read(path);
  const stream = asBinaryStream(f);
  if (stream === null) {
    if ((await getattrOrMissing(f, 'seek')) === MISSING) {
      throw new PyError('AttributeError',
        `'${typeOf(f).name}' object has no attribute 'seek'. You can only torch.load from a file that is seekable. ` +
          'Please pre-load the data into a buffer like io.BytesIO and try to load from it instead.');
    }
    throw new PyError('NotImplementedError', `torch.load from a '${typeOf(f).name}' object: only a path, io.BytesIO or a file from open(..., 'rb') holds a checkpoint in this playground`);
  }
  const content = readPayload(stream);
  if (content === 'eof') throw new PyError('EOFError', '', []);
  if (mmap) throw new PyError('ValueError', 'f must be a file path in order to use the mmap argument');
  return content;
}

async function load(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const bound = loadArgs(a, kw);
  const [f, mapLocation, pickleModule, weightsOnlyArg, mmapArg] = bound.values;
  const weightsOnly = weightsOnlyArg === null ? pickleModule === null : await truthyAsync(weightsOnlyArg);
  if (weightsOnly && pickleModule !== null) {
    throw new PyError('RuntimeError', 'Can not safely load weights when explicit pickle_module is specified');
  }
  const content = await source(f, mmapArg !== null && (await truthyAsync(mmapArg)));
  for (const k of bound.extra.keys()) {
    if (!UNPICKLER_KWARGS.has(k)) throw new PyError('TypeError', `Unpickler.__init__() got an unexpected keyword argument '${k}'`);
  }
  if (content.kind === 'text' || !(content.payload instanceof Checkpoint)) {
    // Not something torch.save wrote: pickle stops at the first byte it cannot read as an opcode.
    const first = content.kind === 'text' ? content.text.slice(0, 1) : '';
    if (first === '') throw new PyError('EOFError', 'Ran out of input', ['Ran out of input']);
    raise(UnpicklingError, `invalid load key, '${first}'.`);
  }
  const cp = content.payload;
  if (cp.format === 'pickle') {
    // A bare pickle is not a zip archive: torch.load takes the legacy path, which expects a magic
    // number first (pickle.dump writes protocol 4, which the weights_only unpickler cannot read).
    if (!weightsOnly) throw new PyError('RuntimeError', 'Invalid magic number; corrupt file?');
    await warn('UserWarning', 'Detected pickle protocol 4 in the checkpoint, which was not the default pickle protocol used by `torch.load` (2). The weights_only Unpickler might not support all instructions implemented by this protocol, please file an issue for adding support if you encounter this.');
    raise(UnpicklingError,
      'Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. ' +
        'Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n' +
        'Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error: Unsupported operand 149\n\n' +
        'Check the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.');
  }
  if (weightsOnly) checkWeightsOnly(cp.root);
  return materialize(cp, await resolveDevices(cp, mapLocation));
}

// ---- safe globals ------------------------------------------------------------------------------

async function addSafeGlobals(items: PyValue): Promise<void> {
  const l = safeGlobalsList();
  for (const g of await toArray(items)) if (!l.includes(g)) l.push(g);
}

/** `with torch.serialization.safe_globals([...]):` — the list is allowed inside the block only. */
const SafeGlobalsType = makeType('safe_globals', [], 'torch.serialization');
class SafeGlobalsCtx extends PyObject {
  saved: PyValue[] = [];
  constructor(readonly items: PyValue) {
    super(SafeGlobalsType, null);
  }
}
SafeGlobalsType.slots.create = (_cls, a) => new SafeGlobalsCtx(a[0] ?? null);
method(SafeGlobalsType, '__init__', () => null);
method(SafeGlobalsType, '__enter__', async (s) => {
  const c = s as SafeGlobalsCtx;
  c.saved = safeGlobalsList().slice();
  await addSafeGlobals(c.items);
  return null;
});
method(SafeGlobalsType, '__exit__', (s) => {
  const l = safeGlobalsList();
  l.splice(0, l.length, ...(s as SafeGlobalsCtx).saved);
  return false;
});

const f = (name: string, fn: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>, qual: string): PyBuiltinFunction =>
  new PyBuiltinFunction(name, fn, qual);

export const saveFn = f('save', save, 'torch.serialization.save');
export const loadFn = f('load', load, 'torch.serialization.load');

/** The attributes of torch.serialization. */
export function serializationEntries(): Map<string, PyValue> {
  return new Map<string, PyValue>([
    ['save', saveFn],
    ['load', loadFn],
    ['DEFAULT_PROTOCOL', 2],
    ['add_safe_globals', f('add_safe_globals', async (a) => (await addSafeGlobals(a[0] ?? null), null), 'torch.serialization.add_safe_globals')],
    ['get_safe_globals', f('get_safe_globals', () => new PyList(safeGlobalsList().slice()), 'torch.serialization.get_safe_globals')],
    ['clear_safe_globals', f('clear_safe_globals', () => (safeGlobalsList().splice(0), null), 'torch.serialization.clear_safe_globals')],
    ['safe_globals', SafeGlobalsType],
  ]);
}
