/**
 * The meetings' event store (`mash:{meetings}:meeting:<id>:*`): the same aggregate store as cases,
 * with the meetings' own index.
 */
import type { MeetingEvent, MeetingSummary } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import { AggregateStore } from '../store/event-store.ts';
import type { IndexChange } from '../store/case-index.ts';
import { keys } from '../store/keys.ts';

export type MeetingStore = AggregateStore<MeetingEvent, MeetingSummary, { id: string }>;

/**
 * A meeting is filed in the meetings index by when it is scheduled for, and under each case on its
 * agenda (so erasing a case finds its meetings), in the same step as its events.
 */
const meetingIndexChanges = (before: MeetingSummary | null, after: MeetingSummary | null): IndexChange[] => {
  const meeting = after ?? before;
  if (!meeting) return [];
  if (!after) return [{ op: 'zrem', key: keys.meetingIndex(), member: meeting.id }, ...meeting.agenda.map((a) => ({ op: 'zrem' as const, key: keys.meetingsByCase(a.caseId), member: meeting.id }))];
  const score = Date.parse(after.scheduledFor);
  if (before && Date.parse(before.scheduledFor) === score) return [];
  return [{ op: 'zadd', key: keys.meetingIndex(), score, member: after.id }, ...after.agenda.map((a) => ({ op: 'zadd' as const, key: keys.meetingsByCase(a.caseId), score, member: after.id }))];
};

export function meetingStore(redis: RedisClient): MeetingStore {
  return new AggregateStore<MeetingEvent, MeetingSummary, { id: string }>(redis, 'meeting', meetingIndexChanges);
}
