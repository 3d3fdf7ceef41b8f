/** Socket.IO room names, in one place. */
export const rooms = {
  case: (caseId: string) => `case:${caseId}`,
  caseList: () => 'cases',
  user: (userId: string) => `user:${userId}`,
  session: (sessionKey: string) => `session:${sessionKey}`,
};
