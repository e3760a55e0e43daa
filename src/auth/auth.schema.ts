import { z } from 'zod';
import { STAFF_ROLES } from './auth.types';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const staffUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  region: z.string().nullable(),
});

/** The CSRF token must be echoed in `x-csrf-token` on every POST/PUT/PATCH/DELETE made with the session cookie. */
export const sessionResponseSchema = z.object({
  user: staffUserSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const auditQuerySchema = z.object({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(128).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
