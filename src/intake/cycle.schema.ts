import { z } from 'zod';
import { dateSchema, text } from './common.schema';

export const QUOTA_LEVELS = ['city', 'county'] as const;
export const QUOTA_COUNTS = ['demands', 'enterprises'] as const;

export const cycleAllocationSchema = z.object({
  /** city: 市州 (first four digits of the enterprise's region code); county: 区县. */
  level: z.enum(QUOTA_LEVELS),
  /** What a region's share is counted in: its eligible demands, or the enterprises filing them. */
  count: z.enum(QUOTA_COUNTS),
});
export type CycleAllocation = z.infer<typeof cycleAllocationSchema>;

export const cycleSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/),
  year: z.number().int().min(2000).max(2100),
  policy: text().trim().min(1).max(64),
  seats: z.number().int().min(0).max(100_000),
  status: z.enum(['open', 'closed']).default('open'),
  /** The date ages and "within 3 years" windows are measured at. */
  referenceDate: dateSchema,
  /** Cycles whose experts may not be named again (Wuhan 附件1: 2021年、2022年已选派…不得列为期望专家备选人员). */
  previousCycles: z.array(z.string()).max(10).default([]),
  /**
   * Seats in proportion to each region's demands, for profiles whose documents set no quota (Wenzhou,
   * Xinxiang, Liaocheng): the customer's requirement, chosen per cycle and shown on every run. Absent: the
   * profile's own quota clause if it has one (Hubei 73号 四(二)), otherwise one city-wide pool of seats.
   */
  allocation: cycleAllocationSchema.optional(),
});
export type Cycle = z.infer<typeof cycleSchema>;
/** A cycle as the import formats accept it (defaults not applied yet). */
export type CycleInput = z.input<typeof cycleSchema>;
