import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = 'http://127.0.0.1:3000';

/**
 * The app's code that two or more signed-in pages share (the live data layer, components, board
 * parts, the shared rules, socket.io), but not zod's schemas, which come with the forms. Left to
 * itself the bundler cuts it into a chunk for every combination of pages that shares a module: a
 * board loaded 38 files, most of 1–3 KB. Over HTTP/1.1 a phone fetches six at a time, a round trip
 * each, so a board waited for seven round trips of small files. Instead it is cut by who uses it
 * (below): what the landing pages use, what the case board shares with other pages, and what the
 * other case pages share beyond that; so a landing page loads 4 files, a case page 5 or 6, and none
 * loads another page's parts (the dashboard no board code, the board no agenda).
 */
const sharedBySignedInPages = (id: string) =>
  !/\.schema\.ts$|[\\/]node_modules[\\/]zod[\\/]/.test(id) &&
  /[\\/]client[\\/]src[\\/](data|components|board|forms)[\\/]|[\\/]shared[\\/]src[\\/]|[\\/]node_modules[\\/](socket\.io-|engine\.io-|@socket\.io[\\/])/.test(id);

type ModuleGraph = { getModuleInfo(id: string): { importers: readonly string[] } | null };

/** Whether a module whose id `root` matches imports the module, directly or through others (a dynamic import does not count). */
function loadedBy(root: RegExp, id: string, graph: ModuleGraph, seen = new Set<string>()): boolean {
  if (root.test(id)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (graph.getModuleInfo(id)?.importers ?? []).some((importer) => loadedBy(root, importer, graph, seen));
}

/** The signed-in app and the pages people land on after signing in: the dashboard, the case list and "my work". */
const LANDING = /[\\/]client[\\/]src[\\/](SignedInApp|pages[\\/](DashboardPage|CasesPage|MyWorkPage))\.tsx$/;
const CASE_BOARD = /[\\/]client[\\/]src[\\/]pages[\\/]CaseBoardPage\.tsx$/;
const OTHER_CASE_PAGES = /[\\/]client[\\/]src[\\/]pages[\\/](ChronologyPage|MeetingRoomPage|MeetingPresentationPage|SharingPage)\.tsx$/;

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
              name: (id, graph) => (loadedBy(LANDING, id, graph) ? 'signed-in' : null),
              test: sharedBySignedInPages,
              minShareCount: 2,
              priority: 1,
            },
            // The case board's parts that other pages share too (the contribution list, the sharing log…),
            // which the landing pages do not use.
            {
              debugName: 'case-board',
              name: (id, graph) => (loadedBy(CASE_BOARD, id, graph) ? 'case-board' : null),
              test: sharedBySignedInPages,
              minShareCount: 2,
              priority: 0,
            },
            // What the other case pages share beyond the board's (the case's live copy, the agenda, the
            // chair's buttons), so each loads one file more, not one for every pair of pages. Taken after
            // the board's group (the same priority, later in the list).
            {
              debugName: 'case-pages',
              name: (id, graph) => (loadedBy(OTHER_CASE_PAGES, id, graph) ? 'case-pages' : null),
              test: sharedBySignedInPages,
              minShareCount: 2,
              priority: 0,
            },
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
