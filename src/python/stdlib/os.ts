// A minimal `os` for scripts that read configuration and keep checkpoints: os.environ (empty — a
// run has no environment; .get() gives the default), os.sep / os.name, os.getcwd(), the pure string
// functions of os.path (join, basename, dirname, split, splitext, abspath), and the file functions
// over the run's virtual file system (vfs.ts: what torch.save and open() wrote): os.path.exists /
// isfile / isdir / getsize, os.listdir, os.remove / unlink, os.mkdir / makedirs / rmdir,
// os.rename / replace. Anything else touching files is absent rather than faked.

import { PyError } from '../../errors';
import { type PyValue, PyDict, PyList, PyModule, PyTuple, typeOf } from '../object';
import { registerModule, importModule } from '../interp/modules';
import { truthyAsync } from '../builtins/ops';
import { fn, makeModule, typeError } from './native';
import { fspathOrNull, normalize, pathArg, vfs } from './vfs';

const s = (v: PyValue, name: string): string => {
  if (typeof v !== 'string') throw typeError(`${name}() argument must be str, not ${v === null ? 'NoneType' : typeof v}`);
  return v;
};
function join(parts: string[]): string {
  let out = parts[0];
  for (const p of parts.slice(1)) {
    if (p.startsWith('/')) out = p;
    else if (out === '' || out.endsWith('/')) out += p;
    else out += '/' + p;
  }
  return out;
}
const splitPath = (p: string): [string, string] => {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return [head, p.slice(i)];
};

function pathModule(): PyValue {
  return makeModule('posixpath', {
    sep: '/',
    join: fn('join', (a) => join(a.map((x) => s(x, 'join'))), 'posixpath.join'),
    basename: fn('basename', (a) => splitPath(s(a[0], 'basename'))[1], 'posixpath.basename'),
    dirname: fn('dirname', (a) => splitPath(s(a[0], 'dirname'))[0], 'posixpath.dirname'),
    split: fn('split', (a) => new PyTuple(splitPath(s(a[0], 'split'))), 'posixpath.split'),
    splitext: fn('splitext', (a) => {
      const p = s(a[0], 'splitext');
      const base = splitPath(p)[1];
      const dot = base.lastIndexOf('.');
      if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return new PyTuple([p, '']);
      const cut = p.length - (base.length - dot);
      return new PyTuple([p.slice(0, cut), p.slice(cut)]);
    }, 'posixpath.splitext'),
    abspath: fn('abspath', async (a) => normalize(await pathArg('abspath', 'path', a[0])), 'posixpath.abspath'),
    // A value that is not a path answers False, as CPython's os.stat failure does.
    exists: fn('exists', async (a) => ((p) => p !== null && vfs().exists(p))(await fspathOrNull(a[0])), 'posixpath.exists'),
    isfile: fn('isfile', async (a) => ((p) => p !== null && vfs().isFile(p))(await fspathOrNull(a[0])), 'posixpath.isfile'),
    isdir: fn('isdir', async (a) => ((p) => p !== null && vfs().isDir(p))(await fspathOrNull(a[0])), 'posixpath.isdir'),
    getsize: fn('getsize', async (a) => {
      const p = await pathArg('stat', 'path', a[0]);
      const fs = vfs();
      if (fs.isDir(p)) return 4096;
      const c = fs.read(p);
      if (c.kind === 'text') return new TextEncoder().encode(c.text).length;
      throw new PyError('NotImplementedError', "os.path.getsize() of a file torch.save wrote: the byte size of a checkpoint is not modelled in this playground");
    }, 'posixpath.getsize'),
  });
}

function osModule(): PyValue {
  return makeModule('os', {
    name: 'posix',
    sep: '/',
    linesep: '\n',
    environ: new PyDict(),
    path: pathModule(),
    getcwd: fn('getcwd', () => '/', 'os.getcwd'),
    getenv: fn('getenv', (a) => (a.length > 1 ? a[1] : null), 'os.getenv'),
    cpu_count: fn('cpu_count', () => 1, 'os.cpu_count'),
    fspath: fn('fspath', async (a) => {
      const p = await fspathOrNull(a[0]);
      if (p === null) throw typeError(`expected str, bytes or os.PathLike object, not ${typeOf(a[0]).name}`);
      return p;
    }, 'os.fspath'),
    listdir: fn('listdir', async (a) => new PyList(vfs().listdir(a.length && a[0] !== null ? await pathArg('listdir', 'path', a[0]) : '.')), 'os.listdir'),
    remove: fn('remove', async (a) => (vfs().remove(await pathArg('remove', 'path', a[0])), null), 'os.remove'),
    unlink: fn('unlink', async (a) => (vfs().remove(await pathArg('unlink', 'path', a[0])), null), 'os.unlink'),
    mkdir: fn('mkdir', async (a) => (vfs().mkdir(await pathArg('mkdir', 'path', a[0])), null), 'os.mkdir'),
    makedirs: fn('makedirs', async (a, kw) => {
      const existOk = kw?.get('exist_ok') ?? a[2] ?? false;
      vfs().makedirs(await pathArg('mkdir', 'path', a[0] ?? kw?.get('name') ?? null), await truthyAsync(existOk));
      return null;
    }, 'os.makedirs'),
    rmdir: fn('rmdir', async (a) => (vfs().rmdir(await pathArg('rmdir', 'path', a[0])), null), 'os.rmdir'),
    rename: fn('rename', async (a) => (vfs().rename(await pathArg('rename', 'src', a[0]), await pathArg('rename', 'dst', a[1])), null), 'os.rename'),
    replace: fn('replace', async (a) => (vfs().rename(await pathArg('replace', 'src', a[0]), await pathArg('replace', 'dst', a[1])), null), 'os.replace'),
  });
}

// `import os.path` imports os first (the registry imports parents), then takes its `path`.
registerModule('os.path', () => (importModule('os') as PyModule).dict!.get('path') ?? null);
registerModule('os', osModule);
