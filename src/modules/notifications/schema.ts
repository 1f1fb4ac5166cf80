import { z } from 'zod';

export const notificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  entityType: z.string().nullable(),
  entityId: z.uuid().nullable(),
  /**
   * The record to open when the notice's own record has no page of its own: a referral's case
   * (for the referring side), a separation request's person. An id only, and only when the
   * reader may open that record now; otherwise null.
   */
  subjectId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationList = z.object({ items: z.array(notificationView) });
