/** Documented size limits. Anything over them is refused with a message naming the field. */
export const LIMITS = {
  /** Free text of a contribution, a child's words, a reason for concern. */
  longText: 20_000,
  /** Short explanations: basis of an opinion, relevance of historic information, a correction reason. */
  mediumText: 5_000,
  /** Names, places, roles. */
  shortText: 200,
  /** Children on one case. */
  childrenPerCase: 12,
  /** Largest socket.io message or REST body the server reads, in bytes. */
  maxPayloadBytes: 256 * 1024,
  /** Commands one socket may send per second (sustained) and in a burst. */
  socketEventsPerSecond: 20,
  socketEventBurst: 60,
} as const;
