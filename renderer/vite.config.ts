import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The cashier window. Vite 8 compiles JSX with its built-in oxc transform (no React plugin needed).
 * `base: './'` keeps asset URLs relative, so the same build loads from the Electron `app://`
 * protocol and from the browser-mode loopback server.
 */
export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // One bundle is fine for a local app; keep its size in view without failing the build.
    chunkSizeWarningLimit: 1500,
  },
});
