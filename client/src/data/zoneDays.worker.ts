/**
 * Reads the UK's offset from UTC on each day from a year ago to four months ahead (what boards,
 * deadlines and meetings mostly show), off the page's main thread: the first date formatter a page
 * builds loads the platform's locale data, 20–30 ms on a laptop and several times that on a phone,
 * and a page that shows times would otherwise build it in its first render. The page keeps the
 * days (`rememberZoneDays`); any other day it reads itself.
 */
import { readZoneDays, UK_ZONE } from '@mashboard/shared';

const DAY_MS = 86_400_000;
const now = Date.now();
postMessage(readZoneDays(UK_ZONE, now - 366 * DAY_MS, now + 122 * DAY_MS));
