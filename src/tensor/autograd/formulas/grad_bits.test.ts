// Float32 gradients bit for bit against PyTorch (fixtures/grad_bits.oracle.py): the backward
// kernels whose rounding order shows in printed gradients and training curves — tanh and sigmoid
// backward and their double backward, mse_loss forward and backward in every reduction, mean
// backward, a Linear's three gradients (the bias one a sum over the batch), addcmul/addcdiv
// backward, and the small MLP of conformance/175. Each case is replayed op for op on the engine.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../tensor';
import { grad } from '../api';
import { tanh } from '../../ops/unary';
import { addcdiv, addcmul, sigmoidBackward, tanhBackward } from '../../ops/arith';
import { mean } from '../../ops/reduce';
import { stack } from '../../ops/join';
import { linear } from '../../ops/linalg/matmul';
import { mseLoss } from '../../ops/nn/loss';
import { pyf } from '../../scalar';

interface JT {
  kind: 'tensor';
  shape: number[];
  data: number[];
}
const dump = JSON.parse(readFileSync(new URL('../fixtures/grad_bits.oracle.json', import.meta.url), 'utf8')) as {
  vars: { out: { items: Record<string, JT> }; inputs: { items: Record<string, JT> } };
};
const want = dump.vars.out.items;
const fromJson = (j: JT, requiresGrad: boolean): Tensor => {
  const t = Tensor.fromArray(Float32Array.from(j.data), j.shape, 'float32');
  t.requiresGrad = requiresGrad;
  return t;
};
const input = (k: string, requiresGrad = false): Tensor => fromJson(dump.vars.inputs.items[k], requiresGrad);
const output = (k: string, requiresGrad = false): Tensor => fromJson(want[k], requiresGrad);

/** Exact comparison with the element indices that differ, for a readable failure. */
function expectBits(got: Tensor | null, name: string): void {
  const w = want[name];
  expect(got, name).not.toBeNull();
  expect(got!.shape, `${name} shape`).toEqual(w.shape);
  const g = Array.from(got!.dataSync() as Float32Array);
  const bad = w.data.flatMap((v, i) => (Object.is(v, g[i]) ? [] : [`[${i}] ${g[i]} vs ${v}`]));
  expect(bad.slice(0, 4), name).toEqual([]);
}

const one = async (out: Tensor, inputs: Tensor[], g: Tensor | null = null, createGraph = false) =>
  grad([out], inputs, g === null ? [] : [g], { createGraph });

describe('float32 backward kernels round as PyTorch', () => {
  // from PyTorch's forward values y (the forward kernels are checked elsewhere): the backward
  // kernel, then its double backward, ggx = backward(d/dy, y) as the TanhBackward0 node gives it
  for (const [name, kernel] of [['tanh', tanhBackward], ['sigmoid', sigmoidBackward]] as const) {
    it(`${name} backward and double backward`, async () => {
      const y = output(`${name} y`, true);
      const w = input('w', true);
      const gx = kernel(w, y);
      expectBits(gx, `${name} gx`);
      const [ggy, ggw] = await grad([gx], [y, w], [input(`${name} v`)]);
      expectBits(ggw, `${name} ggw`);
      expectBits(kernel(ggy!, y), `${name} ggx`);
    });
  }

  it('mse_loss in every reduction, input and target gradients', async () => {
    const a = input('mse a', true);
    const t = input('mse t', true);
    for (const red of ['mean', 'sum'] as const) {
      const loss = mseLoss(a, t, red);
      expectBits(loss, `mse ${red} loss`);
      const [ga, gt] = await one(loss, [a, t]);
      expectBits(ga, `mse ${red} ga`);
      expectBits(gt, `mse ${red} gt`);
    }
    const lossn = mseLoss(a, t, 'none');
    expectBits(lossn, 'mse none loss');
    const [ga, gt] = await one(lossn, [a, t], input('mse gn'));
    expectBits(ga, 'mse none ga');
    expectBits(gt, 'mse none gt');
  });

  it('mean backward', async () => {
    const m = input('mean m', true);
    expectBits((await one(mean(m), [m]))[0], 'mean all gm');
    expectBits((await one(mean(m, 0), [m], input('mean gd')))[0], 'mean dim0 gm');
  });

  it("a Linear's input, weight and bias gradients", async () => {
    const [x, w, b] = [input('lin x', true), input('lin w', true), input('lin b', true)];
    const [gx, gw, gb] = await one(linear(x, w, b), [x, w, b], input('lin g'));
    expectBits(gx, 'lin gx');
    expectBits(gw, 'lin gw');
    expectBits(gb, 'lin gb');
  });

  it('addcmul and addcdiv backward', async () => {
    const [p, q, s] = [input('pc p', true), input('pc q', true), input('pc s', true)];
    const g = input('pc g');
    const cm = await one(addcmul(p, q, s, pyf(0.3)), [p, q, s], g);
    expectBits(stack(cm as Tensor[]), 'addcmul grads');
    const cd = await one(addcdiv(p, q, s, pyf(0.3)), [p, q, s], g);
    expectBits(stack(cd as Tensor[]), 'addcdiv grads');
  });

  it('the MLP: Linear(4, 8) → Tanh → Linear(8, 1), mse_loss over a batch of 8', async () => {
    const [W1, b1, W2, b2] = ['mlp W1', 'mlp b1', 'mlp W2', 'mlp b2'].map((k) => input(k, true));
    const loss = mseLoss(linear(tanh(linear(input('mlp X'), W1, b1)), W2, b2), input('mlp Y'));
    expectBits(loss, 'mlp loss');
    const gs = await one(loss, [W1, b1, W2, b2]);
    ['0.weight', '0.bias', '2.weight', '2.bias'].forEach((k, i) => expectBits(gs[i], `mlp grad ${k}`));
  });
});
