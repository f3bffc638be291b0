// File objects over the run's virtual file system (vfs.ts) and in memory: the text streams
// (io.StringIO, and open()'s TextIOWrapper for text files) and the binary streams (io.BytesIO,
// open()'s BufferedWriter/BufferedReader) that torch.save / torch.load write and read. io.ts and
// the builtin open() hand these out; torch's serialization asks `binaryTarget()` for where a
// payload goes.
//
// Text streams are real: write/read/readline/iteration/seek/tell by character, as CPython's
// StringIO (and a UTF-8 text file holding ASCII) behave. Binary content exists only as an opaque
// payload (a checkpoint), because the Python subset has no bytes: a binary stream is either at its
// start or at its end, and anything that would expose bytes or byte counts (read(), getvalue(),
// tell() after a save) raises NotImplementedError saying so rather than inventing numbers.

import { PyError } from '../../errors';
import { type PyValue, PyList, PyObject, type PyType, makeType, nativeProperty, typeOf } from '../object';
import { pyStrRepr } from '../../errors';
import { hexId } from '../builtins/repr';
import { toArray } from '../builtins/iter';
import { exceptionType } from '../builtins/exceptions';
import { type FileContent } from './vfs';
import { method, raise, typeError } from './native';

/** io.StringIO */
export const StringIOType: PyType = makeType('StringIO', [], '_io');
/** The text file objects open() returns. */
export const TextIOWrapperType: PyType = makeType('TextIOWrapper', [], '_io');
/** io.BytesIO */
export const BytesIOType: PyType = makeType('BytesIO', [], '_io');
/** What open(..., 'wb') / open(..., 'rb') return. */
export const BufferedWriterType: PyType = makeType('BufferedWriter', [], '_io');
export const BufferedReaderType: PyType = makeType('BufferedReader', [], '_io');
/** io.UnsupportedOperation (an OSError and a ValueError, as in CPython). */
export const UnsupportedOperation: PyType = makeType('UnsupportedOperation', [exceptionType('OSError'), exceptionType('ValueError')], 'io');

const unsupported = (what: string): never => raise(UnsupportedOperation, what);
const noBytes = (what: string): PyError =>
  new PyError('NotImplementedError', `${what}: binary data (bytes) is outside this playground's Python subset; a binary file here only carries what torch.save wrote`);

/** Mode flags of an open file (or an in-memory stream: readable and writable). */
interface Access {
  readable: boolean;
  writable: boolean;
  append: boolean;
}

abstract class Stream extends PyObject {
  closed = false;
  constructor(
    cls: PyType,
    readonly access: Access,
    /** open()'s `file` argument and mode, for .name/.mode and the repr; null for in-memory streams. */
    readonly fileName: PyValue | null,
    readonly mode: string | null,
  ) {
    super(cls, null);
  }
  check(): void {
    // StringIO words it without the final period (Modules/_io/stringio.c), files and BytesIO with.
    if (this.closed) throw new PyError('ValueError', typeOf(this) === StringIOType ? 'I/O operation on closed file' : 'I/O operation on closed file.');
  }
  checkReadable(): void {
    this.check();
    if (!this.access.readable) unsupported('not readable');
  }
  checkWritable(): void {
    this.check();
    if (!this.access.writable) unsupported('not writable');
  }
}

// ---- text --------------------------------------------------------------------------------------

export class TextStream extends Stream {
  pos = 0;
  constructor(cls: PyType, readonly store: { text: string }, access: Access, fileName: PyValue | null = null, mode: string | null = null) {
    super(cls, access, fileName, mode);
  }
  write(s: string): number {
    this.checkWritable();
    const t = this.store.text;
    if (this.access.append) this.pos = t.length;
    const at = Math.min(this.pos, t.length);
    // Writing past the end (after seek) pads with NULs, as StringIO does.
    const pad = '\0'.repeat(this.pos - at);
    this.store.text = t.slice(0, at) + pad + s + t.slice(this.pos + s.length);
    this.pos += s.length;
    return s.length;
  }
  read(n: number): string {
    this.checkReadable();
    const t = this.store.text;
    const end = n < 0 ? t.length : Math.min(t.length, this.pos + n);
    const out = this.pos >= t.length ? '' : t.slice(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return out;
  }
  readline(n: number): string {
    this.checkReadable();
    const t = this.store.text;
    if (this.pos >= t.length) return '';
    const nl = t.indexOf('\n', this.pos);
    let end = nl < 0 ? t.length : nl + 1;
    if (n >= 0) end = Math.min(end, this.pos + n);
    const out = t.slice(this.pos, end);
    this.pos = end;
    return out;
  }
}


const text = (v: PyValue): TextStream => {
  if (!(v instanceof TextStream)) throw typeError(`descriptor requires a '_io._TextIOBase' object but received a '${typeOf(v).name}'`);
  return v;
};
const intArg = (v: PyValue | undefined, dflt: number): number => {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`argument should be integer or None, not '${typeOf(v).name}'`);
};

for (const T of [StringIOType, TextIOWrapperType]) {
  const isFile = T === TextIOWrapperType;
  method(T, 'write', (s, [x]) => {
    if (typeof x !== 'string') {
      throw typeError(isFile ? `write() argument must be str, not ${typeOf(x).name}` : `string argument expected, got '${typeOf(x).name}'`);
    }
    return text(s).write(x);
  });
  method(T, 'writelines', async (s, [xs]) => {
    for (const x of await toArray(xs)) {
      if (typeof x !== 'string') throw typeError(`write() argument must be str, not ${typeOf(x).name}`);
      text(s).write(x);
    }
    return null;
  });
  method(T, 'read', (s, [n]) => text(s).read(intArg(n, -1)));
  method(T, 'readline', (s, [n]) => text(s).readline(intArg(n, -1)));
  method(T, 'readlines', (s) => {
    const out: PyValue[] = [];
    for (let l = text(s).readline(-1); l !== ''; l = text(s).readline(-1)) out.push(l);
    return new PyList(out);
  });
  method(T, '__iter__', (s) => (text(s).check(), s));
  method(T, '__next__', (s) => {
    const l = text(s).readline(-1);
    if (l === '') throw new PyError('StopIteration', '', []);
    return l;
  });
  method(T, 'seek', (s, [p, w]) => {
    const t = text(s);
    t.check();
    const whence = intArg(w, 0);
    const pos = intArg(p, 0);
    if (whence === 0) {
      if (pos < 0) throw new PyError('ValueError', `Negative seek position ${pos}`);
      t.pos = pos;
    } else if (pos !== 0) {
      unsupported(whence === 1 ? "Can't do nonzero cur-relative seeks" : "Can't do nonzero end-relative seeks");
    } else if (whence === 2) t.pos = t.store.text.length;
    else if (whence !== 1) throw new PyError('ValueError', `invalid whence (${whence}, should be 0, 1 or 2)`);
    return t.pos;
  });
  method(T, 'tell', (s) => (text(s).check(), text(s).pos));
  method(T, 'truncate', (s, [n]) => {
    const t = text(s);
    t.checkWritable();
    const size = intArg(n, t.pos);
    t.store.text = t.store.text.slice(0, size);
    return size;
  });
  if (!isFile) {
    method(T, 'getvalue', (s) => (text(s).check(), text(s).store.text));
  }
  commonMethods(T);
}
StringIOType.slots.create = (cls, a, kw) => {
  const init = a[0] ?? kw?.get('initial_value') ?? '';
  if (init !== null && typeof init !== 'string') throw typeError(`initial_value must be str or None, not ${typeOf(init).name}`);
  return new TextStream(cls, { text: init ?? '' }, { readable: true, writable: true, append: false });
};

// ---- binary ------------------------------------------------------------------------------------

export class BinaryStream extends Stream {
  /** At the start (a load reads the payload) or at the end (after a save or a load). */
  atEnd = false;
  constructor(cls: PyType, readonly store: FileContent, access: Access, fileName: PyValue | null = null, mode: string | null = null) {
    super(cls, access, fileName, mode);
  }
  /** Nothing written yet: start and end are the same place. */
  get empty(): boolean {
    return this.store.kind === 'binary' ? this.store.payload === null : this.store.text === '';
  }
}


const bin = (v: PyValue): BinaryStream => {
  if (!(v instanceof BinaryStream)) throw typeError(`descriptor requires a '_io._BufferedIOBase' object but received a '${typeOf(v).name}'`);
  return v;
};

for (const T of [BytesIOType, BufferedWriterType, BufferedReaderType]) {
  method(T, 'write', (s, [x]) => {
    bin(s).checkWritable();
    throw typeError(`a bytes-like object is required, not '${typeOf(x).name}'`);
  });
  method(T, 'read', (s) => {
    bin(s).checkReadable();
    throw noBytes(`${T.name}.read()`);
  });
  method(T, 'seek', (s, [p, w]) => {
    const b = bin(s);
    b.check();
    const pos = intArg(p, 0);
    const whence = intArg(w, 0);
    if (pos !== 0 || whence === 1) throw noBytes(`${T.name}.seek(${pos}, ${whence})`);
    b.atEnd = whence === 2;
    return tell(b, T);
  });
  method(T, 'tell', (s) => (bin(s).check(), tell(bin(s), T)));
  if (T === BytesIOType) {
    method(T, 'getvalue', (s) => (bin(s).check(), (() => { throw noBytes('BytesIO.getvalue()'); })()));
    method(T, 'getbuffer', (s) => (bin(s).check(), (() => { throw noBytes('BytesIO.getbuffer()'); })()));
  }
  commonMethods(T);
}
function tell(b: BinaryStream, T: PyType): number {
  if (!b.atEnd || b.empty) return 0;
  throw noBytes(`${T.name}.tell() after torch.save (the byte size of a checkpoint is not modelled)`);
}
BytesIOType.slots.create = (cls, a) => {
  if (a.length > 0 && a[0] !== null) throw noBytes('BytesIO(initial_bytes)');
  return new BinaryStream(cls, { kind: 'binary', payload: null }, { readable: true, writable: true, append: false });
};

// ---- shared by every stream --------------------------------------------------------------------

function commonMethods(T: PyType): void {
  const s = (v: PyValue): Stream => v as Stream;
  method(T, 'close', (v) => ((s(v).closed = true), null));
  method(T, 'flush', (v) => (s(v).check(), null));
  method(T, '__enter__', (v) => (s(v).check(), v));
  method(T, '__exit__', (v) => ((s(v).closed = true), false));
  method(T, 'readable', (v) => (s(v).check(), s(v).access.readable));
  method(T, 'writable', (v) => (s(v).check(), s(v).access.writable));
  method(T, 'seekable', (v) => (s(v).check(), true));
  method(T, 'isatty', (v) => (s(v).check(), false));
  T.dict!.set('closed', nativeProperty('closed', (v) => s(v).closed));
  if (T === TextIOWrapperType || T === BufferedReaderType || T === BufferedWriterType) {
    T.dict!.set('name', nativeProperty('name', (v) => s(v).fileName));
    T.dict!.set('mode', nativeProperty('mode', (v) => s(v).mode));
    if (T === TextIOWrapperType) T.dict!.set('encoding', nativeProperty('encoding', () => 'UTF-8'));
  }
  method(T, '__repr__', (v) => {
    const f = s(v);
    if (f.fileName === null) return `<_io.${T.name} object at ${hexId(v)}>`;
    const name = typeof f.fileName === 'string' ? pyStrRepr(f.fileName) : String(f.fileName);
    return T === TextIOWrapperType ? `<_io.TextIOWrapper name=${name} mode=${pyStrRepr(f.mode ?? '')} encoding='UTF-8'>` : `<_io.${T.name} name=${name}>`;
  });
}

// ---- what torch.save / torch.load see ---------------------------------------------------------

/** The binary stream behind `v` (BytesIO or a binary file object), or null. */
export const asBinaryStream = (v: PyValue): BinaryStream | null => (v instanceof BinaryStream ? v : null);

/** Store `payload` in a binary stream (torch.save into a BytesIO or an open('wb') file). */
export function writePayload(b: BinaryStream, payload: unknown): void {
  b.checkWritable();
  // Only open(..., 'rb') wraps a text file, and that stream is not writable.
  if (b.store.kind !== 'binary') throw new Error('writePayload: text store');
  b.store.payload = payload;
  b.atEnd = true;
}

/** The payload a load reads from `b`: the content at its start, or 'eof' (end reached / empty). */
export function readPayload(b: BinaryStream): FileContent | 'eof' {
  b.checkReadable();
  if (b.atEnd || b.empty) return 'eof';
  b.atEnd = true;
  return b.store;
}
