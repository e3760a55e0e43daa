import { z } from 'zod';
import { PARTICIPANT_SIDES } from './auth.types';

const sideSchema = z.enum(PARTICIPANT_SIDES as ['enterprise', 'expert']);

export const participantAccountSchema = z.object({
  id: z.number(),
  side: sideSchema,
  subjectKey: z.string().describe('统一社会信用代码（企业）或专家编号（专家）'),
  username: z.string().nullable(),
  displayName: z.string(),
  regionCode: z.string(),
  disabled: z.boolean(),
  activated: z.boolean(),
  createdAt: z.string(),
});

export const invitationBodySchema = z.object({
  side: sideSchema,
  key: z.string().trim().min(1).max(64).describe('企业的统一社会信用代码，或专家的编号'),
});

export const invitationCreatedSchema = z.object({
  account: participantAccountSchema,
  invitationId: z.number(),
  token: z.string().describe('一次性令牌，仅此一次显示'),
  link: z.string().describe('邀请链接（相对路径 /invite/<令牌>）'),
  expiresAt: z.string(),
});

export const accountListSchema = z.array(
  participantAccountSchema.extend({
    invitations: z.array(z.object({ id: z.number(), createdBy: z.string(), createdAt: z.string(), expiresAt: z.string(), state: z.enum(['open', 'used', 'revoked', 'expired']) })),
  }),
);

export const tokenParamsSchema = z.object({ token: z.string().min(1).max(200) });

export const acceptBodySchema = z.object({
  username: z.string().trim().max(64).default(''),
  password: z.string().min(1).max(256),
});

export const invitationPeekSchema = z.object({ side: sideSchema, displayName: z.string(), expiresAt: z.string(), username: z.string().nullable() });

/** The participant as it sees itself: own session, or a portal acting for it. */
export const participantMeSchema = z.object({
  side: sideSchema,
  displayName: z.string(),
  enterpriseCreditCode: z.string().nullable(),
  expertExternalId: z.string().nullable(),
  regionCode: z.string(),
  accountId: z.number().nullable(),
  via: z.object({ keyId: z.string(), name: z.string() }).nullable(),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const participantSessionSchema = z.object({ account: participantAccountSchema, csrfToken: z.string(), expiresAt: z.string() });
