import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = 'http://127.0.0.1:3000';

/**
 * The app's code that two or more signed-in pages share (the live data layer, components, board
 * parts, the shared rules, socket.io), but not zod's schemas, which come with the forms. Left to
 * itself the bundler cuts it into a chunk for every combination of pages that shares a module: a
 * board loaded 38 files, most of 1–3 KB. Over HTTP/1.1 a phone fetches six at a time, a round trip
 * each, so a board waited for seven round trips of small files. It is two chunks instead (below).
 */
const sharedBySignedInPages = (id: string) =>
  !/\.schema\.ts$|[\\/]node_modules[\\/]zod[\\/]/.test(id) &&
  /[\\/]client[\\/]src[\\/](data|components|board|forms)[\\/]|[\\/]shared[\\/]src[\\/]|[\\/]node_modules[\\/](socket\.io-|engine\.io-|@socket\.io[\\/])/.test(id);

/** The signed-in app and the pages people land on after signing in: the dashboard, the case list and "my work". */
const LANDING = /[\\/]client[\\/]src[\\/](SignedInApp|pages[\\/](DashboardPage|CasesPage|MyWorkPage))\.tsx$/;

/** Whether the signed-in app or a landing page imports the module, directly or through others (a dynamic import does not count). */
function loadedOnLanding(id: string, graph: { getModuleInfo(id: string): { importers: readonly string[] } | null }, seen = new Set<string>()): boolean {
  if (LANDING.test(id)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (graph.getModuleInfo(id)?.importers ?? []).some((importer) => loadedOnLanding(importer, graph, seen));
}

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
            // What the signed-in app and the landing pages load: every signed-in page loads this chunk.
            // Taken before the group below, so that group's modules cannot pull it in with them.
            {
              debugName: 'signed-in',
              name: (id, graph) => (loadedOnLanding(id, graph) ? 'signed-in' : null),
              test: sharedBySignedInPages,
              minShareCount: 2,
              priority: 1,
            },
            // The rest of the shared code: the case board's, the chronology's and the meeting room's parts
            // (the contribution list, the sharing log, the agenda…), which the landing pages do not use.
            { name: 'case-pages', test: sharedBySignedInPages, minShareCount: 2, priority: 0 },
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
