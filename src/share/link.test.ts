// The share-link codec: every preset round-trips with its selection; every way a link can go
// wrong (cut off anywhere, garbage, bit flips, a newer version, a decompression bomb, a wrong
// shape) gives a problem with a message and never throws or yields a half-read state.

import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, fromBase64Url, LinkTooLarge, MAX_DECODED_BYTES, toBase64Url, type SharedState } from './link';
import { PRESETS } from './presets';

const base = (script: string): SharedState => ({
  script, selectedCall: 0, selectedNode: null, traceStep: 0, inspectorTab: 'call', snapshotWhen: 'entry', device: 'cpu',
});

async function deflate(text: string): Promise<string> {
  const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(s).arrayBuffer()));
}
const wrap = (b64: string, v = 1): string => `v${v}.${b64.length.toString(36)}.${b64}`;

describe('share links', () => {
  it('round-trips every preset, with and without a selection', async () => {
    for (const p of PRESETS) {
      const plain = base(p.source);
      const h = await encodeLink(plain);
      expect(h).toMatch(/^v1\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);
      expect(await decodeLink('#' + h)).toEqual({ ok: true, state: plain });
      const selected: SharedState = { script: p.source, selectedCall: 1, selectedNode: 'enc.weight', traceStep: 3, inspectorTab: 'trace', snapshotWhen: 'exit', device: 'webgpu' };
      expect(await decodeLink(await encodeLink(selected))).toEqual({ ok: true, state: selected });
      // Compressed: a link is much shorter than the script it carries.
      expect(h.length).toBeLessThan(p.source.length);
    }
  });

  it('keeps any text exactly (unicode, markup, NULs)', async () => {
    const s = base('print("<img src=x onerror=alert(1)>")\n# é 𝔘 \u0000 \u2028 "quotes" \\n\n');
    expect(await decodeLink(await encodeLink(s))).toEqual({ ok: true, state: s });
  });

  it('an empty hash is no link', async () => {
    expect(await decodeLink('')).toBeNull();
    expect(await decodeLink('#')).toBeNull();
  });

  it('a link cut off anywhere is a problem, never a state', async () => {
    const h = await encodeLink(base(PRESETS[0].source));
    for (let n = 1; n < h.length; n++) {
      const r = await decodeLink(h.slice(0, n));
      expect(r?.ok, `cut at ${n}`).toBe(false);
      if (r && !r.ok && n > h.indexOf('.', 3)) expect(r.problem, `cut at ${n}`).toBe('truncated');
    }
  });

  it('garbage and bit flips are malformed, never a throw', async () => {
    for (const g of ['hello', 'v1', 'v1..', 'v1.zz.???', 'v0.1.A', '%%%', 'v1.4.AAAA', 'v1.5.AAAAA']) {
      const r = await decodeLink(g);
      expect(r?.ok, g).toBe(false);
    }
    const h = await encodeLink(base(PRESETS[4].source));
    const body = h.slice(h.lastIndexOf('.') + 1);
    const head = h.slice(0, h.lastIndexOf('.') + 1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let failures = 0;
    for (let i = 0; i < body.length; i += 7) {
      const c = alphabet[(alphabet.indexOf(body[i]) + 17) % 64];
      const r = await decodeLink(head + body.slice(0, i) + c + body.slice(i + 1));
      expect(r).not.toBeNull();
      // A flip may still inflate to valid JSON of the right shape (then it is simply another
      // script); what must never happen is a throw or an invalid state.
      if (r!.ok) expect(typeof r!.state.script).toBe('string');
      else failures++;
    }
    expect(failures).toBeGreaterThan(0);
  });

  it('a link from a newer page says so', async () => {
    const r = await decodeLink(wrap(await deflate('{"s":"x"}'), 2));
    expect(r).toMatchObject({ ok: false, problem: 'future-version' });
    expect(await decodeLink('v7.whatever-new-format')).toMatchObject({ ok: false, problem: 'future-version' });
  });

  it('stops inflating a decompression bomb at the cap', async () => {
    const bomb = await deflate(JSON.stringify({ s: 'a'.repeat(MAX_DECODED_BYTES * 4) }));
    expect(bomb.length).toBeLessThan(2000);
    expect(await decodeLink(wrap(bomb))).toMatchObject({ ok: false, problem: 'oversized' });
    expect(await decodeLink('v1.' + 'A'.repeat(200_000))).toMatchObject({ ok: false, problem: 'oversized' });
    await expect(encodeLink(base('x'.repeat(MAX_DECODED_BYTES)))).rejects.toBeInstanceOf(LinkTooLarge);
  });

  it('rejects the right bytes in the wrong shape', async () => {
    for (const json of ['[1]', '"x"', '{}', '{"s":1}', '{"s":"x","c":-1}', '{"s":"x","c":1.5}', '{"s":"x","i":"html"}', '{"s":"x","d":"cuda"}', '{"s":"x","z":1}', '{"s":"x","n":5}', 'not json', '{"s":"x"']) {
      expect(await decodeLink(wrap(await deflate(json))), json).toMatchObject({ ok: false, problem: 'malformed' });
    }
    // Invalid UTF-8 inside is malformed too.
    const raw = new Blob([new Uint8Array([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const b = toBase64Url(new Uint8Array(await new Response(raw).arrayBuffer()));
    expect(await decodeLink(wrap(b))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('base64url round-trips all byte values', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
  });
});
