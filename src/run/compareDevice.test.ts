// The device-aware judge: the printed device suffix is taken out (also where PyTorch wrapped the
// suffixes onto a new line), and nothing else is forgiven.
import { describe, expect, it } from 'vitest';
import { compareDumpOnDevice, normalizeDeviceText } from './compareDevice';

describe('normalizeDeviceText', () => {
  it('drops the device suffix and joins wrapped suffix lines', () => {
    const gpu = "tensor([[0.3647, 0.8176]], device='webgpu:0', dtype=torch.float64,\n       grad_fn=<AddmmBackward0>)";
    const cpu = 'tensor([[0.3647, 0.8176]], dtype=torch.float64, grad_fn=<AddmmBackward0>)';
    expect(normalizeDeviceText(gpu)).toBe(normalizeDeviceText(cpu));
    expect(normalizeDeviceText("tensor([1., 2.],\n       device='webgpu:0')")).toBe('tensor([1., 2.])');
  });
  it('keeps value lines and other text as they are', () => {
    const t = 'tensor([[1., 2.],\n        [3., 4.]])';
    expect(normalizeDeviceText(t)).toBe(t);
    expect(normalizeDeviceText("x, device='cpu'")).toBe("x, device='cpu'");
  });
});

describe('compareDumpOnDevice', () => {
  const golden = { stdout: 'tensor([1.])\n', error: null, warnings: [], vars: { s: { kind: 'str', value: 'tensor([1.])' }, t: { kind: 'tensor', dtype: 'float32', shape: [1], data: [1], requires_grad: false, is_parameter: false } } };
  it('accepts the device suffix', () => {
    const cand = { ...golden, stdout: "tensor([1.], device='webgpu:0')\n", vars: { ...golden.vars, s: { kind: 'str', value: "tensor([1.], device='webgpu:0')" } } };
    const v = compareDumpOnDevice(golden, cand);
    expect(v.ok).toBe(true);
    expect(v.stdoutIdentical).toBe(true);
  });
  it('still judges values', () => {
    const cand = { ...golden, vars: { ...golden.vars, t: { ...golden.vars.t, data: [2] } } };
    expect(compareDumpOnDevice(golden, cand).ok).toBe(false);
  });
});
