/** Small shared values: real calendar dates, how precisely a time is known (their schemas: primitives.schema.ts). */
import type { z } from 'zod';
import type { HappenedSchema } from './primitives.schema.ts';

export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** How precisely we know when something happened. */
export const PRECISIONS = ['exact', 'approximate', 'unknown'] as const;
export type Precision = (typeof PRECISIONS)[number];
export type Happened = z.infer<typeof HappenedSchema>;
