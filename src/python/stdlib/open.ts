// The builtin open() (also io.open): CPython's argument and mode checks, then a stream from
// streams.ts over a file of the run's virtual file system (vfs.ts). Text modes give a working
// TextIOWrapper; binary modes give a BufferedReader/BufferedWriter that torch.save / torch.load
// (and pickle.dump / pickle.load) accept — `with open(path, 'wb') as f: torch.save(sd, f)`.

import { PyError } from '../../errors';
import { type KwArgs, type PyValue, typeOf } from '../object';
import { bindArgs, parseSignature } from '../bindings/args';
import { type FileContent, fspathOrNull, osError, vfs } from './vfs';
import {
  BinaryStream, BufferedReaderType, BufferedWriterType, TextIOWrapperType, TextStream,
} from './streams';

const sig = parseSignature('open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)');

interface Mode {
  kind: 'r' | 'w' | 'a' | 'x';
  binary: boolean;
  plus: boolean;
}

/** CPython's _io.open mode validation (Modules/_io/_iomodule.c), messages word for word. */
function parseMode(mode: string): Mode {
  const seen = new Set<string>();
  for (const ch of mode) {
    if (!'rwxabt+'.includes(ch) || seen.has(ch)) throw new PyError('ValueError', `invalid mode: '${mode}'`);
    seen.add(ch);
  }
  const kinds = ['r', 'w', 'a', 'x'].filter((k) => seen.has(k));
  if (seen.has('b') && seen.has('t')) throw new PyError('ValueError', "can't have text and binary mode at once");
  if (kinds.length !== 1) throw new PyError('ValueError', 'must have exactly one of create/read/write/append mode');
  return { kind: kinds[0] as Mode['kind'], binary: seen.has('b'), plus: seen.has('+') };
}

export async function openFile(args: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [file, modeArg, , encoding] = bindArgs(sig, args, kw).values;
  if (typeof modeArg !== 'string') throw new PyError('TypeError', `open() argument 'mode' must be str, not ${typeOf(modeArg).name}`);
  const m = parseMode(modeArg);
  if (m.binary && encoding !== null) throw new PyError('ValueError', "binary mode doesn't take an encoding argument");
  const path = await fspathOrNull(file);
  if (path === null) {
    if (typeof file === 'number' || typeof file === 'boolean') {
      throw new PyError('NotImplementedError', 'open() of a file descriptor is not supported in this playground');
    }
    throw new PyError('TypeError', `expected str, bytes or os.PathLike object, not ${typeOf(file).name}`);
  }
  const fs = vfs();
  let content: FileContent;
  if (m.kind === 'r') content = fs.read(path);
  else if (m.kind === 'x' && fs.exists(path)) throw osError('EEXIST', path);
  else if (m.kind === 'a' && fs.isFile(path) && fs.read(path).kind === (m.binary ? 'binary' : 'text')) content = fs.read(path);
  else content = fs.write(path, m.binary ? { kind: 'binary', payload: null } : { kind: 'text', text: '' });
  const access = { readable: m.kind === 'r' || m.plus, writable: m.kind !== 'r' || m.plus, append: m.kind === 'a' };
  if (m.binary) {
    return new BinaryStream(access.writable ? BufferedWriterType : BufferedReaderType, content!, access, file, modeArg);
  }
  if (content!.kind !== 'text') {
    throw new PyError('NotImplementedError', `open(${JSON.stringify(path)}, '${modeArg}'): this file holds binary data (what torch.save wrote); reading it as text is outside this playground's Python subset`);
  }
  const t = new TextStream(TextIOWrapperType, content!, access, file, modeArg);
  if (m.kind === 'a') t.pos = content!.text.length;
  return t;
}
