// The admin console, built to static files that the server serves at /console.
// The server's CSP allows no inline script or style: nothing here may inline them.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  resolve: {
    // One React and one TanStack Query, whichever workspace package imports them.
    dedupe: ['react', 'react-dom', '@tanstack/react-query'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Never inline assets as data: URLs into CSS/JS (keeps the CSP simple to reason about).
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack Query's "use client" markers mean nothing in a browser-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
