/**
 * The meeting's forms, loaded when first needed (a chair's forms are no part of any page's first
 * load): recording a decision (in the meeting room, and on the board), an action, and attendance.
 */
import { lazyForm } from '../forms/lazyForm.tsx';

const forms = () => import('./MeetingForms.tsx');
export const decisionForm = lazyForm(() => forms().then((m) => m.DecisionForm));
export const actionForm = lazyForm(() => forms().then((m) => m.ActionForm));
export const attendanceForm = lazyForm(() => forms().then((m) => m.AttendanceForm));
