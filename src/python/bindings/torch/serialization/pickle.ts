// The `pickle` module over the same round trip as torch.save / torch.load (snapshot.ts): dump to and
// load from a binary file object or io.BytesIO, with CPython's exception classes (_pickle's
// PickleError / PicklingError / UnpicklingError) and texts. dumps / loads would need bytes, which
// the Python subset does not have: they raise NotImplementedError saying so. Tensors come back on
// the device they were saved from.

import { PyError } from '../../../../errors';
import { type KwArgs, type PyValue, MISSING, PyBuiltinFunction, getattrOrMissing } from '../../../object';
import { registerModule } from '../../../interp/modules';
import { binder } from '../../args';
import { makeModule, raise } from '../../../stdlib/native';
import { TextStream, asBinaryStream, readPayload, writePayload } from '../../../stdlib/streams';
import { Checkpoint, materialize, snapshot } from './snapshot';
import { resolveDevices } from './location';
import { PickleError, PicklingError, UnpicklingError, checkPicklable } from './globals';

const dumpArgs = binder('dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None)');
const loadArgs = binder("load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=None)");

async function dump(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [obj, file] = dumpArgs(a, kw).values;
  const stream = asBinaryStream(file);
  if (stream === null) {
    if (file instanceof TextStream) throw new PyError('TypeError', 'write() argument must be str, not bytes');
    if ((await getattrOrMissing(file, 'write')) === MISSING) throw new PyError('TypeError', "file must have a 'write' attribute");
    throw new PyError('NotImplementedError', 'pickle.dump into this object: only io.BytesIO or a file from open(..., \'wb\') can hold a pickle in this playground');
  }
  await checkPicklable(obj);
  writePayload(stream, await snapshot(obj, 'pickle'));
  return null;
}

async function load(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [file] = loadArgs(a, kw).values;
  const stream = asBinaryStream(file);
  if (stream === null) {
    if ((await getattrOrMissing(file, 'read')) === MISSING) throw new PyError('TypeError', "file must have 'read' and 'readline' attributes");
    throw new PyError('NotImplementedError', 'pickle.load from this object: only io.BytesIO or a file from open(..., \'rb\') holds a pickle in this playground');
  }
  const content = readPayload(stream);
  if (content === 'eof') throw new PyError('EOFError', 'Ran out of input');
  if (content.kind === 'text' || !(content.payload instanceof Checkpoint)) {
    const first = content.kind === 'text' ? content.text.slice(0, 1) : '';
    if (first === '') throw new PyError('EOFError', 'Ran out of input');
    raise(UnpicklingError, `invalid load key, '${first}'.`);
  }
  const cp = content.payload;
  // torch.save writes a zip archive; its first byte 'P' reads as pickle's PERSID opcode.
  if (cp.format === 'torch') raise(UnpicklingError, 'A load persistent id instruction was encountered, but no persistent_load function was specified.');
  return materialize(cp, await resolveDevices(cp, null));
}

const noBytes = (name: string) => (): never => {
  throw new PyError('NotImplementedError', `pickle.${name}(): bytes are outside this playground's Python subset; pickle.dump / pickle.load with a file or io.BytesIO work`);
};

function pickleModule(): PyValue {
  return makeModule('pickle', {
    dump: new PyBuiltinFunction('dump', dump, 'pickle.dump'),
    load: new PyBuiltinFunction('load', load, 'pickle.load'),
    dumps: new PyBuiltinFunction('dumps', noBytes('dumps'), 'pickle.dumps'),
    loads: new PyBuiltinFunction('loads', noBytes('loads'), 'pickle.loads'),
    PickleError,
    PicklingError,
    UnpicklingError,
    HIGHEST_PROTOCOL: 5,
    DEFAULT_PROTOCOL: 4,
  });
}

registerModule('pickle', pickleModule);
