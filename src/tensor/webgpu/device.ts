// Getting a WebGPU device: the first step of the 'webgpu' device's life. Asks for a core adapter
// first and a compatibility one (`featureLevel: 'compatibility'`, e.g. OpenGL ES / older GPUs)
// second; copies the adapter's limits into requestDevice (the defaults are lower than what most
// adapters offer, and the compatibility adapter used in tests needs them raised explicitly);
// requests optional features (shader-f16, subgroups, timestamp-query) only when the adapter has
// them; and turns `device.lost` into a callback the run layer uses to restart on the CPU with a
// notice. Returns null (never throws) when WebGPU is missing, so the page can say so and use the CPU.

import { GpuContext, type AdapterSummary } from './context';

const OPTIONAL_FEATURES = ['shader-f16', 'subgroups', 'timestamp-query'] as const;

export interface AcquireOptions {
  /** The GPU object (navigator.gpu in browsers; the `webgpu` package's create() in Node). */
  gpu?: GPU;
  /** Skip the core attempt (tests of the compatibility path). */
  forceCompatibility?: boolean;
  powerPreference?: GPUPowerPreference;
  /** Called once if the device is lost for any reason other than our own destroy(). */
  onLost?: (reason: string, message: string) => void;
}

export interface AcquireResult {
  context: GpuContext | null;
  /** Why there is no context (shown by the page: "WebGPU unavailable: ..."). */
  reason?: string;
}

function limitsOf(adapter: GPUAdapter): Record<string, number> {
  const out: Record<string, number> = {};
  const lim = adapter.limits as unknown as Record<string, unknown>;
  // limits are accessors on the prototype (not own properties) in browsers and in dawn.node
  let proto: object | null = lim;
  const names = new Set<string>();
  while (proto !== null && proto !== Object.prototype) {
    for (const k of Object.getOwnPropertyNames(proto)) names.add(k);
    proto = Object.getPrototypeOf(proto);
  }
  for (const k of names) {
    if (k === 'constructor') continue;
    const v = lim[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

export async function acquireDevice(opts: AcquireOptions = {}): Promise<AcquireResult> {
  const gpu = opts.gpu ?? (typeof navigator !== 'undefined' ? (navigator as Navigator & { gpu?: GPU }).gpu : undefined);
  if (gpu === undefined || gpu === null) return { context: null, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null = null;
  let featureLevel: 'core' | 'compatibility' = 'core';
  try {
    if (!opts.forceCompatibility) adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference });
    if (adapter === null) {
      featureLevel = 'compatibility';
      adapter = await gpu.requestAdapter({ featureLevel: 'compatibility', powerPreference: opts.powerPreference } as GPURequestAdapterOptions);
    }
  } catch (e) {
    return { context: null, reason: `requestAdapter failed: ${(e as Error).message}` };
  }
  if (adapter === null) return { context: null, reason: 'no WebGPU adapter is available' };
  const requiredFeatures = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f)) as GPUFeatureName[];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures, requiredLimits: limitsOf(adapter) });
  } catch (e) {
    return { context: null, reason: `requestDevice failed: ${(e as Error).message}` };
  }
  const info = adapter.info;
  const summary: AdapterSummary = {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    featureLevel,
    isFallbackAdapter: Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean })?.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter),
    features: [...device.features].map(String).sort(),
  };
  const ctx = new GpuContext(device, summary);
  void device.lost.then((lost) => {
    const ours = ctx.lost;
    ctx.lost = true;
    if (!ours && lost.reason !== 'destroyed') opts.onLost?.(lost.reason ?? 'unknown', lost.message);
  });
  // uncaptured validation errors are bugs in our kernels: make them loud in tests and consoles
  device.onuncapturederror = (ev: GPUUncapturedErrorEvent): void => {
    console.error(`WebGPU error: ${ev.error.message}`);
    ctx.errors.push(ev.error.message);
  };
  return { context: ctx };
}
