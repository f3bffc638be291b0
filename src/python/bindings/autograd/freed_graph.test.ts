// A second backward through a freed graph, run through the interpreter and judged against PyTorch
// (fixtures/freed_graph.oracle.py): ops whose backward reads saved state raise PyTorch's
// "Trying to backward through the graph a second time" — including mul/div by a Python scalar,
// whose scalar PyTorch saves as a tensor — and ops that save nothing run again.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { installAutogradBindings } from './index';

const fixture = (ext: string): URL => new URL(`./fixtures/freed_graph.oracle.${ext}`, import.meta.url);

describe('second backward through a freed graph', () => {
  it('matches PyTorch per op', async () => {
    await prepareRuntime();
    installAutogradBindings();
    const golden = JSON.parse(readFileSync(fixture('json'), 'utf8'));
    const dump = await dumpScript(readFileSync(fixture('py'), 'utf8'), 'freed_graph.oracle.py');
    expect(dump.error).toEqual(golden.error);
    expect(compareDump(golden, dump).diffs).toEqual([]);
  });
});
