import { describe, expect, it } from 'vitest';
import type { DemandReview } from '../../src/review/review.schema';
import { orderForReview } from '../../src/web/review.view';

// Only the fields the order reads; the rest of a DemandReview does not take part.
const item = (demandId: string, over: { proposed?: boolean; status?: string; alternates?: number }) =>
  ({
    demandId,
    proposed: over.proposed ? { expertId: `E-${demandId}` } : null,
    decision: { status: over.status ?? 'pending' },
    alternates: Array.from({ length: over.alternates ?? 0 }, (_, k) => ({ expertId: `A-${demandId}-${k}` })),
  }) as unknown as DemandReview;

describe('the shortlist review page order', () => {
  it('puts pending decisions first, then decided ones, then demands with only alternates, then unfilled ones', () => {
    const items = [
      item('unfilled-1', {}),
      item('alt-only', { alternates: 2 }),
      item('approved', { proposed: true, status: 'approved' }),
      item('pending-1', { proposed: true, alternates: 1 }),
      item('unfilled-2', {}),
      item('pending-2', { proposed: true }),
      item('swapped', { proposed: true, status: 'swapped' }),
    ];
    expect(orderForReview(items).map((d) => d.demandId)).toEqual(['pending-1', 'pending-2', 'approved', 'swapped', 'alt-only', 'unfilled-1', 'unfilled-2']);
  });

  it('keeps the run order within a group and leaves the input alone', () => {
    const items = [item('b', { proposed: true }), item('a', { proposed: true })];
    expect(orderForReview(items).map((d) => d.demandId)).toEqual(['b', 'a']);
    expect(items.map((d) => d.demandId)).toEqual(['b', 'a']);
  });
});
