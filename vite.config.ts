// The page build: React app in src/ui, the run worker in src/run. `npm run dev` serves it.
//
// The built page carries a Content-Security-Policy (a <meta> tag, added at build time only: the
// dev server injects inline scripts for hot reload). No 'unsafe-eval' and no inline scripts:
// whatever a share link holds is text for the editor and the sandboxed interpreter, never markup
// or code the browser would run. The run worker starts from a blob: module (src/ui/main.tsx) so
// it inherits this policy too; its CPU kernels are generated at build time (no eval anywhere).
// 'wasm-unsafe-eval' lets it compile its own bundled WASM kernels (WebAssembly only, not JS eval).
// Styles may be inline (CodeMirror injects <style>).
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reparam-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
});
