import { z } from 'zod';

export const notificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  entityType: z.string().nullable(),
  entityId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationList = z.object({ items: z.array(notificationView) });
