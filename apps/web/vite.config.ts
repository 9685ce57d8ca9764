import { defineConfig } from 'vite';

// The UI is served by the Kefu server from apps/web/dist; in development Vite proxies the API.
//
// No @vitejs/plugin-react on purpose: npm hoists it to the root, where it binds to the root's
// Vite 8 (pulled in by vitest 4) and then hands this Vite 7 rolldown-only options, which breaks
// the dev server ("Missing field `moduleType`"). esbuild's automatic JSX runtime is all the build
// needs; the dev server reloads the page on change instead of Fast Refresh.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // KEFU_API points the proxy elsewhere (e.g. a second server on another port).
    proxy: { '/api': { target: process.env.KEFU_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      onwarn(warning, warn) {
        // Libraries' "use client" directives mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // React gets a long-lived vendor chunk. Ant Design is left to Rollup on purpose: its
        // components then travel with the route chunks that use them, keeping the first load small.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
