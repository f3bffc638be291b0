// The run's virtual file system: the playground has no disk, so files a script writes (torch.save
// checkpoints, text written with open()) live in an in-memory store that belongs to the run in
// progress — every run starts with an empty working directory, as a fresh process in a fresh
// directory would. os / io / open() and torch.save / torch.load all go through this file; it
// raises the OSError subclasses with CPython's `[Errno N] text: 'path'` messages.
//
// The working directory is '/', as os.getcwd() says. Paths are normalized (`./a`, `a`, `/a` are one
// file) but error messages name the path as the script wrote it. A file holds either text or a
// binary "pickle" payload — an opaque object the torch serialization code owns (there is no
// bytes type in the Python subset, so binary content is never exposed as bytes).

import { PyError, pyStrRepr } from '../../errors';
import { type PyValue, MISSING, call, getattrOrMissing, typeOf } from '../object';
import { type Runtime, rt } from '../interp/runtime';

/** What a file holds: text (open(..., 'w')) or a binary payload (torch.save, pickle.dump). */
export type FileContent = { kind: 'text'; text: string } | { kind: 'binary'; payload: unknown };

type Entry = { kind: 'dir' } | { kind: 'file'; content: FileContent };

/** CPython's errno texts for the errors the store raises. */
const ERRNO = {
  ENOENT: [2, 'FileNotFoundError', 'No such file or directory'],
  EEXIST: [17, 'FileExistsError', 'File exists'],
  ENOTDIR: [20, 'NotADirectoryError', 'Not a directory'],
  EISDIR: [21, 'IsADirectoryError', 'Is a directory'],
  ENOTEMPTY: [39, 'OSError', 'Directory not empty'],
} as const;

/** `FileNotFoundError: [Errno 2] No such file or directory: 'x.pt'` (path as the script gave it). */
export function osError(code: keyof typeof ERRNO, path: string): PyError {
  const [n, type, text] = ERRNO[code];
  return new PyError(type, `[Errno ${n}] ${text}: ${pyStrRepr(path)}`);
}

/** Absolute, normalized form of `p` relative to the working directory '/'. */
export function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

const parentOf = (abs: string): string => (abs === '/' ? '/' : abs.slice(0, abs.lastIndexOf('/')) || '/');

/** One run's files and directories. */
export class VirtualFS {
  private readonly entries = new Map<string, Entry>([['/', { kind: 'dir' }]]);

  /** The entry at `path`, or undefined. */
  private lookup(path: string): Entry | undefined {
    return this.entries.get(normalize(path));
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }
  isFile(path: string): boolean {
    return this.lookup(path)?.kind === 'file';
  }
  isDir(path: string): boolean {
    return this.lookup(path)?.kind === 'dir';
  }
  parentExists(path: string): boolean {
    return this.entries.get(parentOf(normalize(path)))?.kind === 'dir';
  }

  /** The content of an existing file (ENOENT / EISDIR otherwise). */
  read(path: string): FileContent {
    const e = this.lookup(path);
    if (e === undefined) throw osError('ENOENT', path);
    if (e.kind === 'dir') throw osError('EISDIR', path);
    return e.content;
  }

  /** Create or replace the file at `path` with `content` (its directory must exist). */
  write(path: string, content: FileContent): FileContent {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e?.kind === 'dir') throw osError('EISDIR', path);
    const parent = this.entries.get(parentOf(abs));
    if (parent === undefined) throw osError('ENOENT', path);
    if (parent.kind !== 'dir') throw osError('ENOTDIR', path);
    this.entries.set(abs, { kind: 'file', content });
    return content;
  }

  remove(path: string): void {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e === undefined) throw osError('ENOENT', path);
    if (e.kind === 'dir') throw osError('EISDIR', path);
    this.entries.delete(abs);
  }

  mkdir(path: string, existOk = false): void {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e !== undefined) {
      if (existOk && e.kind === 'dir') return;
      throw osError('EEXIST', path);
    }
    const parent = this.entries.get(parentOf(abs));
    if (parent === undefined) throw osError('ENOENT', path);
    if (parent.kind !== 'dir') throw osError('ENOTDIR', path);
    this.entries.set(abs, { kind: 'dir' });
  }

  /** os.makedirs: every missing directory on the way. */
  makedirs(path: string, existOk: boolean): void {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e !== undefined) {
      if (existOk && e.kind === 'dir') return;
      throw osError('EEXIST', path);
    }
    let cur = '';
    for (const part of abs.split('/').slice(1)) {
      cur += '/' + part;
      const here = this.entries.get(cur);
      if (here === undefined) this.entries.set(cur, { kind: 'dir' });
      else if (here.kind !== 'dir') throw osError(cur === abs ? 'EEXIST' : 'ENOTDIR', path);
    }
  }

  rmdir(path: string): void {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e === undefined) throw osError('ENOENT', path);
    if (e.kind !== 'dir') throw osError('ENOTDIR', path);
    if (this.children(abs).length > 0) throw osError('ENOTEMPTY', path);
    this.entries.delete(abs);
  }

  /** os.rename / os.replace: a file moves (replacing a file at the destination). */
  rename(src: string, dst: string): void {
    const e = this.lookup(src);
    if (e === undefined) throw new PyError('FileNotFoundError', `[Errno 2] No such file or directory: ${pyStrRepr(src)} -> ${pyStrRepr(dst)}`);
    const content = this.read(src);
    this.write(dst, content);
    if (normalize(src) !== normalize(dst)) this.entries.delete(normalize(src));
  }

  /** Names in a directory, in creation order. */
  listdir(path: string): string[] {
    const abs = normalize(path);
    const e = this.entries.get(abs);
    if (e === undefined) throw osError('ENOENT', path);
    if (e.kind !== 'dir') throw osError('ENOTDIR', path);
    return this.children(abs);
  }

  private children(abs: string): string[] {
    const prefix = abs === '/' ? '/' : abs + '/';
    const out: string[] = [];
    for (const k of this.entries.keys()) {
      if (k !== abs && k.startsWith(prefix) && !k.slice(prefix.length).includes('/')) out.push(k.slice(prefix.length));
    }
    return out;
  }
}

const stores = new WeakMap<Runtime, VirtualFS>();

/** The file system of the run in progress (created empty on first use). */
export function vfs(): VirtualFS {
  const run = rt();
  let fs = stores.get(run);
  if (fs === undefined) stores.set(run, (fs = new VirtualFS()));
  return fs;
}

/** os.fspath: a str, or an object's `__fspath__()` (pathlib-like); null for anything else. */
export async function fspathOrNull(v: PyValue): Promise<string | null> {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return null;
  if (typeOf(v).lookup('__fspath__') === undefined) return null;
  const f = await getattrOrMissing(v, '__fspath__');
  if (f === MISSING) return null;
  const r = await call(f, []);
  if (typeof r !== 'string') {
    throw new PyError('TypeError', `expected ${typeOf(v).name}.__fspath__() to return str or bytes, not ${typeOf(r).name}`);
  }
  return r;
}

/** A path argument of an os function: str or os.PathLike, else CPython's TypeError. */
export async function pathArg(fnName: string, argName: string, v: PyValue): Promise<string> {
  const p = await fspathOrNull(v);
  if (p === null) {
    throw new PyError('TypeError', `${fnName}: ${argName} should be string, bytes or os.PathLike, not ${typeOf(v).name}`);
  }
  return p;
}
