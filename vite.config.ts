import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The browser client is built from client/ into dist/client and served by the
 * express server (server/src/http). Two entries: the operator app (index.html) and
 * the citizens' public page (public.html, served at /public without a login; its
 * own small bundle, issue 14). `npm run dev:client` proxies /api and the socket to
 * a running server on :3000.
 */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: resolve(import.meta.dirname, 'client/index.html'), public: resolve(import.meta.dirname, 'client/public.html') },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
})
