// Share links: the page state a link carries (the script and what is selected in it), packed into
// the URL hash. Pipeline: JSON → deflate-raw (CompressionStream) → base64url, behind a version
// tag and the payload's length, so a reader can tell a link from a newer page (future version)
// from one that lost its tail in a chat client (truncated) from plain garbage (malformed).
//
//   #v1.<length of the base64 part, base 36>.<base64url of deflate-raw(JSON)>
//
// The JSON is validated field by field before anything uses it; the script is only ever text for
// the editor and the sandboxed interpreter. Decoding stops at MAX_DECODED_BYTES while inflating,
// so a small link cannot expand into a huge one (a "zip bomb").

import type { Device, InspectorTab, SnapshotWhen } from '../store/store';

export const LINK_VERSION = 1;
/** Decoded size cap: far above any demo script (the presets are 0.5-2 KB), far below harm. */
export const MAX_DECODED_BYTES = 64 * 1024;
/** Hash length cap: deflate rarely beats 10:1 on code, so 64 KB decoded never needs more. */
export const MAX_HASH_CHARS = 96 * 1024;

/** What a link restores. Theme is the reader's choice, not the author's: not included. */
export interface SharedState {
  script: string;
  selectedCall: number;
  selectedNode: string | null;
  traceStep: number;
  inspectorTab: InspectorTab;
  snapshotWhen: SnapshotWhen;
  device: Device;
}

export type LinkProblem = 'malformed' | 'truncated' | 'oversized' | 'future-version';

export type DecodeResult = { ok: true; state: SharedState } | { ok: false; problem: LinkProblem; message: string };

// Short keys keep links short; the wire shape is private to this file.
interface Wire {
  s: string;
  c?: number;
  n?: string | null;
  t?: number;
  i?: InspectorTab;
  w?: SnapshotWhen;
  d?: Device;
}

/** The hash (without '#') that restores `state`. */
export async function encodeLink(state: SharedState): Promise<string> {
  const wire: Wire = { s: state.script };
  // Defaults are left out: most links carry only the script.
  if (state.selectedCall !== 0) wire.c = state.selectedCall;
  if (state.selectedNode !== null) wire.n = state.selectedNode;
  if (state.traceStep !== 0) wire.t = state.traceStep;
  if (state.inspectorTab !== 'call') wire.i = state.inspectorTab;
  if (state.snapshotWhen !== 'entry') wire.w = state.snapshotWhen;
  if (state.device !== 'cpu') wire.d = state.device;
  const json = new TextEncoder().encode(JSON.stringify(wire));
  if (json.length > MAX_DECODED_BYTES) throw new LinkTooLarge(json.length);
  const b64 = toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
  return `v${LINK_VERSION}.${b64.length.toString(36)}.${b64}`;
}

/** Thrown by encodeLink when the script is over the cap (the page says so instead of linking). */
export class LinkTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`The script is too large to share as a link (${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_DECODED_BYTES / 1024} KB). Use "Export .py" instead.`);
  }
}

/** Reads a hash (with or without '#'). null = there is no link in it (an empty hash). */
export async function decodeLink(hash: string): Promise<DecodeResult | null> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return null;
  const fail = (problem: LinkProblem, message: string): DecodeResult => ({ ok: false, problem, message });
  if (h.length > MAX_HASH_CHARS) return fail('oversized', `This link is too long (${h.length} characters; the limit is ${MAX_HASH_CHARS}).`);
  const m = /^v(\d+)\.([0-9a-z]+)\.([A-Za-z0-9_-]*)$/.exec(h);
  if (!m) {
    const v = /^v(\d+)\./.exec(h);
    if (v && Number(v[1]) > LINK_VERSION) return futureVersion(Number(v[1]));
    // "#v1.3k" or "#v1.3k.abc" cut inside the prefix still reads as a cut-off link.
    if (/^v1(\.[0-9a-z]*)?$/.test(h)) return fail('truncated', 'This link is cut off: it ends before the script does. Copy the whole link again.');
    return fail('malformed', 'This link is not a Reparam Lab link (it could not be read).');
  }
  const version = Number(m[1]);
  if (version > LINK_VERSION) return futureVersion(version);
  if (version !== LINK_VERSION) return fail('malformed', `This link has an unknown version (v${version}).`);
  const expected = parseInt(m[2], 36);
  const b64 = m[3];
  if (b64.length < expected) {
    return fail('truncated', `This link is cut off: ${b64.length} of its ${expected} characters arrived. Copy the whole link again.`);
  }
  if (b64.length > expected) return fail('malformed', 'This link has extra characters at its end (it could not be read).');
  let bytes: Uint8Array;
  try {
    bytes = await inflateCapped(fromBase64Url(b64), MAX_DECODED_BYTES);
  } catch (e) {
    if (e instanceof Oversized) return fail('oversized', `This link holds more than ${MAX_DECODED_BYTES / 1024} KB of text; it was not opened.`);
    return fail('malformed', 'This link is damaged (its data could not be unpacked).');
  }
  let wire: unknown;
  try {
    wire = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('malformed', 'This link is damaged (its data is not readable).');
  }
  const state = validate(wire);
  if (!state) return fail('malformed', 'This link is damaged (its data has the wrong shape).');
  return { ok: true, state };
}

function futureVersion(v: number): DecodeResult {
  return {
    ok: false,
    problem: 'future-version',
    message: `This link was made by a newer version of Reparam Lab (link format v${v}; this page reads v${LINK_VERSION}). Reload to get the newest page.`,
  };
}

const TABS: readonly InspectorTab[] = ['call', 'trace'];
const WHENS: readonly SnapshotWhen[] = ['entry', 'exit', 'end'];
const DEVICES: readonly Device[] = ['cpu', 'webgpu'];
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e6;

/** The wire object as a SharedState, or null if any field is not what encodeLink writes. */
function validate(w: unknown): SharedState | null {
  if (typeof w !== 'object' || w === null || Array.isArray(w)) return null;
  const o = w as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!'scntiwd'.includes(k) || k.length !== 1) return null;
  if (typeof o.s !== 'string') return null;
  if (o.c !== undefined && !isCount(o.c)) return null;
  if (o.t !== undefined && !isCount(o.t)) return null;
  if (o.n !== undefined && o.n !== null && (typeof o.n !== 'string' || o.n.length > 1000)) return null;
  if (o.i !== undefined && !TABS.includes(o.i as InspectorTab)) return null;
  if (o.w !== undefined && !WHENS.includes(o.w as SnapshotWhen)) return null;
  if (o.d !== undefined && !DEVICES.includes(o.d as Device)) return null;
  return {
    script: o.s,
    selectedCall: (o.c as number | undefined) ?? 0,
    selectedNode: (o.n as string | null | undefined) ?? null,
    traceStep: (o.t as number | undefined) ?? 0,
    inspectorTab: (o.i as InspectorTab | undefined) ?? 'call',
    snapshotWhen: (o.w as SnapshotWhen | undefined) ?? 'entry',
    device: (o.d as Device | undefined) ?? 'cpu',
  };
}

class Oversized extends Error {}

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([data as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflate, giving up as soon as the output passes `cap` bytes. */
async function inflateCapped(data: Uint8Array, cap: number): Promise<Uint8Array> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new Oversized();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64); // throws on a length of 4k+1: caught as malformed
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
