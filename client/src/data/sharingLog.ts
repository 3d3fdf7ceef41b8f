/** The words the sharing log uses (on the board and the sharing page): recipient, channel, and the log's order. */
import { partyText, type SHARING_CHANNELS, type SharingDecision } from '@mashboard/shared';

export const CHANNEL_LABELS: Record<(typeof SHARING_CHANNELS)[number], string> = {
  'secure-email': 'Secure email',
  'secure-portal': 'Secure portal',
  phone: 'Phone',
  'in-person': 'In person',
  'recorded-post': 'Recorded post',
  other: 'Another way (say which)',
};

/** "Police (DC Sam Evans, Detective Constable)", "Ravenswood GP surgery (Practice nurse)". */
export function recipientText(r: SharingDecision['recipient']): string {
  return r ? partyText(r) : 'No recipient recorded';
}

export function channelText(d: Pick<SharingDecision, 'channel' | 'channelDetail'>): string {
  if (!d.channel) return 'Not recorded';
  const label = CHANNEL_LABELS[d.channel];
  return d.channelDetail ? `${d.channel === 'other' ? 'Other' : label}: ${d.channelDetail}` : label;
}

/** Decisions in the log: current ones first (newest first), then the superseded ones. */
export function sortDecisions(decisions: readonly SharingDecision[]): SharingDecision[] {
  return [...decisions].sort((a, b) => Number(Boolean(a.supersededBy)) - Number(Boolean(b.supersededBy)) || b.decidedAt.localeCompare(a.decidedAt));
}
