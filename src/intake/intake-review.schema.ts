import { z } from 'zod';

/** submitted → approved (enters matching) | returned (corrected → submitted) | withdrawn. */
export const INTAKE_REVIEW_STATUSES = ['submitted', 'approved', 'returned', 'withdrawn'] as const;

export const reviewStateSchema = z.object({
  status: z.enum(INTAKE_REVIEW_STATUSES),
  /** Why it was returned (or withdrawn): what the submitter corrects. */
  reason: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;
