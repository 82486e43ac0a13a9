// The notify module's front door: in-app notices, reminders on yellow and red lights, org webhooks.
// Other modules and the app import notify only from here. (org sends login notices through sendNotices: the
// org ↔ notify import cycle is safe because neither module uses the other's exports while it loads.)
export * from './notify.contract.js';
export { NOTIFICATION_KINDS, REMINDER_KINDS, type NotificationKind } from './notify.rules.js';
export { sendNotices, type Notice } from './notices.js';
export { registerNotifyRoutes } from './notify.routes.js';
export { startNotifyScheduler } from './notify.scheduler.js';
export { deliverWebhooks, runReminders, type FetchFn } from './notify.service.js';
