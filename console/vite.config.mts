import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The triage console: static files under /console/ (locally served by `npm start`, in AWS from S3 behind
 * CloudFront). `vite build console` runs with this folder as its root and writes console/dist.
 */
const nhsukImages = fileURLToPath(new URL('../node_modules/nhsuk-frontend/dist/nhsuk/assets/images/', import.meta.url));

export default defineConfig({
  base: '/console/',
  // NHS.UK frontend's compiled CSS refers to its icons at /assets/images/: bundle them from the package.
  resolve: { alias: [{ find: /^\/assets\/images\/(.*)$/u, replacement: `${nhsukImages}$1` }] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The NHS.UK CSS is minified already, and keeps hacks (`@media screen\0`) lightningcss refuses.
    cssMinify: false,
  },
  logLevel: 'warn',
});
