import { z } from 'zod';
import { dateSchema } from './common.schema';

export const cycleSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/),
  year: z.number().int().min(2000).max(2100),
  policy: z.string().trim().min(1).max(64),
  seats: z.number().int().min(0).max(100_000),
  status: z.enum(['open', 'closed']).default('open'),
  /** The date ages and "within 3 years" windows are measured at. */
  referenceDate: dateSchema,
  /** Cycles whose experts may not be named again (Wuhan 附件1: 2021年、2022年已选派…不得列为期望专家备选人员). */
  previousCycles: z.array(z.string()).max(10).default([]),
});
export type Cycle = z.infer<typeof cycleSchema>;
