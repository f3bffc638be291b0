// The nn/ additions' conformance scenarios (82–92: collections/OrderedDict state_dict, layer
// versions and the new layers, nn.utils, RNNs and gradients, attention, containers and hooks,
// ConvTranspose, Upsample, backward hooks, parametrization transfer, more F.*) run in-process
// through the interpreter's dump and judged by compare.ts (the oracle's compare.py) plus
// byte-identical stdout — so `npx vitest run src/python/bindings/nn` covers them too.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { installTorchBindings } from '../index';

const dir = new URL('../../../../conformance/', import.meta.url);
installTorchBindings();

const SCENARIOS = [
  '82_nn_collections', '83_nn_more_layers', '84_nn_utils', '85_nn_rnn_pool_grads', '86_nn_attention',
  '87_nn_containers_hooks', '88_nn_conv_transpose', '89_nn_upsample', '90_nn_backward_hooks', '91_param_transfer',
  '92_nn_functional_more', '93_nn_rnn_cells', '94_nn_transformer_decoder',
];

describe('nn additions match PyTorch 2.6 (oracle goldens)', () => {
  for (const name of SCENARIOS) {
    it(name, async () => {
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
      const dump = await dumpScript(source, `${name}.py`);
      const verdict = compareDump(golden, JSON.parse(JSON.stringify(dump)));
      expect(verdict.diffs).toEqual([]);
      expect(dump.stdout).toBe(golden.stdout);
    });
  }
});
