// Node-only: a GPU object from the `webgpu` npm package (Dawn), for tests, the CLI and the bench.
// On machines without a GPU, Dawn's Vulkan backend runs on a software Vulkan driver; we point the
// Vulkan loader at SwiftShader (shipped with Chromium) unless VK_ICD_FILENAMES is already set.
// Mesa's lavapipe is not usable: Dawn rejects it (no shaderUniform*ArrayDynamicIndexing).
// The loader reads the variable from the real process environment, so this must run on the
// main thread (a worker thread's process.env is a JS-only copy).

import { existsSync } from 'node:fs';

const ICD_CANDIDATES = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json',
];

/** The SwiftShader ICD json, if one is installed. */
export function swiftShaderIcd(): string | null {
  return ICD_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface NodeGpuOptions {
  /** Use SwiftShader even when another Vulkan driver is configured (default: only if none set). */
  software?: boolean;
}

export async function nodeGpu(opts: NodeGpuOptions = {}): Promise<GPU> {
  if (opts.software !== false && (opts.software || process.env.VK_ICD_FILENAMES === undefined)) {
    const icd = swiftShaderIcd();
    if (icd !== null && process.env.VK_ICD_FILENAMES === undefined) process.env.VK_ICD_FILENAMES = icd;
  }
  const mod = (await import('webgpu')) as { create: (o: string[]) => GPU; globals: object };
  Object.assign(globalThis, mod.globals);
  return mod.create([]);
}
