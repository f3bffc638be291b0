// Constructs outside the Python subset end with a NotImplementedError naming the construct when
// they run (DESIGN: never a silent skip), and the lines before them still run. These messages are
// our own contract (CPython would run the code), so they are stated here rather than taken from
// the oracle.

import { beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../../run/run';
import { prepareRuntime } from '../../run/prepare';

/** [name, script, message, line of the construct] */
const cases: [string, string, string, number][] = [
  ['complex literal', "print('a')\nx = 2j\n", 'complex literals are not supported (complex numbers are outside the Python subset)', 2],
  ['async def', "print('a')\nasync def f():\n    pass\n", "'async def' is not supported (async code is outside the Python subset)", 2],
  ['bytes literal', "print('a')\nx = b'ab'\n", "bytes literals (b'...') are not supported (bytes are outside the Python subset)", 2],
  ['non-str key in __dict__', "print('a')\nglobals()[1] = 2\n", 'only str keys can be stored in a namespace dict (__dict__, vars(), globals()) here', 2],
  ['eval', "print('a')\neval('1 + 1')\n", 'eval() is not supported in this playground: running code from a string is outside its Python subset', 2],
  ['exec', "print('a')\nexec('x = 1')\n", 'exec() is not supported in this playground: running code from a string is outside its Python subset', 2],
  ['reading bytes from a file', "print('a')\nopen('w.txt', 'w').close()\nopen('w.txt', 'rb').read()\n", "BufferedReader.read(): binary data (bytes) is outside this playground's Python subset; a binary file here only carries what torch.save wrote", 3],
  ['Tensor.numpy', "import torch\nprint('a')\ntorch.ones(2).numpy()\n", 'Tensor.numpy(): NumPy is not available in this playground; use tensor.tolist() or keep working with tensors', 3],
  ['Module __dict__ assignment', "import torch.nn as nn\nprint('a')\nnn.Linear(1, 1).__dict__ = {}\n", "assigning __dict__ of a 'Linear' object is not supported here", 3],
];

describe('unsupported constructs', () => {
  beforeAll(() => prepareRuntime());
  for (const [name, src, msg, line] of cases) {
    it(name, async () => {
      const r = await runScript(src);
      expect(r.stdout).toBe('a\n');
      expect(r.error?.type).toBe('NotImplementedError');
      expect(r.error?.message).toBe(msg);
      expect(r.error?.traceback.map((t) => t.line)).toEqual([line]);
    });
  }
});
