/** Socket.IO room names, in one place. */
export const rooms = {
  case: (caseId: string) => `case:${caseId}`,
  /** The viewers of a case from one agency: restricted content goes only to the agencies allowed. */
  caseAgency: (caseId: string, agency: string) => `case:${caseId}:agency:${agency}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
  /** The attendees of a meeting from one agency: an agenda with a restricted case reads differently by agency. */
  meetingAgency: (meetingId: string, agency: string) => `meeting:${meetingId}:agency:${agency}`,
  /** Sockets watching the meetings list, and the same by agency (a restricted case on an agenda). */
  meetingList: () => 'meetings',
  meetingListAgency: (agency: string) => `meetings:agency:${agency}`,
  caseList: () => 'cases',
  caseListAgency: (agency: string) => `cases:agency:${agency}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionKey: string) => `session:${sessionKey}`,
};
