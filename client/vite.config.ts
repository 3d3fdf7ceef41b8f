import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = 'http://127.0.0.1:3000';

/**
 * The app's code that two or more signed-in pages share (the live data layer, components, board
 * parts, the shared rules, socket.io), but not zod's schemas, which come with the forms. Left to
 * itself the bundler cuts it into a chunk for every combination of pages that shares a module: a
 * board loaded 38 files, most of 1–3 KB. Over HTTP/1.1 a phone fetches six at a time, a round trip
 * each, so a board waited for seven round trips of small files; as one chunk it waits for one.
 */
const sharedBySignedInPages = (id: string) =>
  !/\.schema\.ts$|[\\/]node_modules[\\/]zod[\\/]/.test(id) &&
  /[\\/]client[\\/]src[\\/](data|components|board|forms)[\\/]|[\\/]shared[\\/]src[\\/]|[\\/]node_modules[\\/](socket\.io-|engine\.io-|@socket\.io[\\/])/.test(id);

// Run from client/ (npm run dev|build -w client): the build goes to client/dist.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What the entry needs (the sign-in page) stays in the entry: taken first, so the group below cannot pull it out.
            { name: 'index', tags: ['$initial'], priority: 2 },
            { name: 'signed-in', test: sharedBySignedInPages, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target },
      '/socket.io': { target, ws: true },
    },
  },
});
