/**
 * Redis key names, in one place. Keys of one case share the hash tag `{case:<id>}` so that a
 * case's stream, projection and idempotency record sit in one slot on Redis Cluster.
 */
export const keys = {
  caseEvents: (caseId: string) => `mash:{case:${caseId}}:events`,
  caseSummary: (caseId: string) => `mash:{case:${caseId}}:summary`,
  caseEntries: (caseId: string) => `mash:{case:${caseId}}:entries`,
  caseCommands: (caseId: string) => `mash:{case:${caseId}}:commands`,
  casePresence: (caseId: string) => `mash:{case:${caseId}}:presence`,
  /** Sorted set of all case ids, scored by time received. */
  caseIndex: () => 'mash:cases:by-received',
  /** Counter behind human case references, per year. */
  caseReferenceCounter: (year: number) => `mash:cases:reference:${year}`,
  user: (userId: string) => `mash:user:${userId}`,
  usersByUsername: () => 'mash:users:by-username',
  session: (sessionId: string) => `mash:session:${sessionId}`,
  userSessions: (userId: string) => `mash:user:${userId}:sessions`,
  signInFailures: (subject: string) => `mash:sign-in-failures:${subject}`,
  adapterStream: () => 'mash:socket.io',
};
