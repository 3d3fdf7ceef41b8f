/**
 * Evaluated before the rest of the app (main.tsx imports it first, before React): a case board
 * opened from a link asks for its case now, beside the session's own request, not once the app's
 * script has run (earlyCase.ts says what is kept).
 */
import { fetchAtStart } from './data/earlyCase.ts';

fetchAtStart(window.location.hash);
