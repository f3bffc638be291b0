// A minimal `os` for scripts that read configuration: os.environ (empty — a run has no
// environment; .get() gives the default), os.sep / os.name, os.getcwd(), and the pure string
// functions of os.path (join, basename, dirname, split, splitext; exists/isfile/isdir answer False,
// as there is no file system). Anything touching files is absent rather than faked.

import { type PyValue, PyDict, PyModule, PyTuple } from '../object';
import { registerModule, importModule } from '../interp/modules';
import { fn, makeModule, typeError } from './native';

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
    exists: fn('exists', () => false, 'posixpath.exists'),
    isfile: fn('isfile', () => false, 'posixpath.isfile'),
    isdir: fn('isdir', () => false, 'posixpath.isdir'),
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
  });
}

// `import os.path` imports os first (the registry imports parents), then takes its `path`.
registerModule('os.path', () => (importModule('os') as PyModule).dict!.get('path') ?? null);
registerModule('os', osModule);
