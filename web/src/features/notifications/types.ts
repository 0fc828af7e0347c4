import type { z } from 'zod';
import type {
  NotificationPageSchema,
  NotificationSchema,
  PreferencesOutSchema,
  PreferencesSchema,
} from '../../../../src/modules/notifications/notifications.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
export type NotificationPreferences = z.infer<typeof PreferencesOutSchema>;
export type PreferencesInput = z.input<typeof PreferencesSchema>;
export type EmailMode = NotificationPreferences['emailMode'];
