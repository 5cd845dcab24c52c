import { defineConfig } from 'vite';

// Built by Maven (web-module's pom) into target/portal, which the WAR serves at /portal/.
export default defineConfig({
  base: '/portal/',
  build: {
    outDir: process.env.PORTAL_OUT_DIR || '../../../target/portal',
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
  },
});
