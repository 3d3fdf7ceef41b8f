/** Socket.IO room names, in one place. */
export const rooms = {
  case: (caseId: string) => `case:${caseId}`,
  /** The viewers of a case from one agency: restricted content goes only to the agencies allowed. */
  caseAgency: (caseId: string, agency: string) => `case:${caseId}:agency:${agency}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
  /** Sockets watching the meetings list (one room: a list row reads the same for every reader). */
  meetingList: () => 'meetings',
  caseList: () => 'cases',
  caseListAgency: (agency: string) => `cases:agency:${agency}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionKey: string) => `session:${sessionKey}`,
};
