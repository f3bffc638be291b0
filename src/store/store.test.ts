// The store's device state: the worker's adapter (or none, and why) and what happens to the
// switch when the adapter goes away.
import { describe, expect, it } from 'vitest';
import { createLabStore } from './store';

describe('device state', () => {
  it('starts unknown, then names the adapter', () => {
    const s = createLabStore({ script: '' });
    expect([s.getState().adapter, s.getState().adapterReason]).toEqual([null, null]);
    s.getState().setAdapter('SwiftShader Device (Subzero) (google)');
    expect(s.getState().adapter).toBe('SwiftShader Device (Subzero) (google)');
    expect(s.getState().notice).toBeNull();
  });

  it('keeps the reason when there is no adapter', () => {
    const s = createLabStore({ script: '' });
    s.getState().setAdapter(null, 'navigator.gpu is missing');
    expect(s.getState().adapterReason).toBe('navigator.gpu is missing');
    expect(s.getState().device).toBe('cpu');
    expect(s.getState().notice).toBeNull(); // nobody asked for WebGPU: nothing to announce
  });

  it('puts the switch back on CPU and says why when WebGPU was asked for and there is none', () => {
    const s = createLabStore({ script: '' });
    s.getState().setDevice('webgpu'); // a shared link asked for it before the worker answered
    s.getState().setAdapter(null, 'no adapter');
    expect(s.getState().device).toBe('cpu');
    expect(s.getState().notice).toContain('no adapter');
  });

  it('after a lost device (no reason: a fresh worker is looking) switches back quietly', () => {
    const s = createLabStore({ script: '' });
    s.getState().setAdapter('GPU');
    s.getState().setDevice('webgpu');
    s.getState().setAdapter(null);
    expect([s.getState().device, s.getState().adapter, s.getState().adapterReason]).toEqual(['cpu', null, null]);
    expect(s.getState().notice).toBeNull(); // the client's lost-device message is the banner
  });
});
