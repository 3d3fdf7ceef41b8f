import { currentVersion, type ContributionEntry } from '@mashboard/shared';

/** A contribution's first words, to choose it by (answering a request) and to link to it (the answer). */
export function contributionLabel(entry: ContributionEntry): string {
  const v = currentVersion(entry);
  const text = v.content.text.replace(/\s+/g, ' ').trim();
  const words = text.length > 90 ? `${text.slice(0, 90).trimEnd()}…` : text;
  return `${v.content.kind === 'opinion' ? 'Opinion' : 'Fact'}: ${words}`;
}
