import { describe, expect, it } from 'vitest';
import type { Expert } from '../../src/intake/expert.schema';
import type { Evaluation } from '../../src/policy/evaluation.types';
import { walkShortlist, type WalkInput } from '../../src/ranking/shortlist.walker';
import { expert, fail, pass, PLAIN, pool } from './ranker-parts.fixtures';

/** Records for the ids asked (counting the queries) and a verdict per external id. */
function deps(verdict: (externalId: string) => Evaluation = () => pass()) {
  const asked: number[][] = [];
  const evaluated: string[] = [];
  return {
    asked,
    evaluated,
    walk: {
      records: (ids: number[]) => {
        asked.push(ids);
        return new Map(ids.map((id) => [id, expert(id)]));
      },
      evaluate: (e: Expert) => {
        evaluated.push(e.externalId);
        return verdict(e.externalId);
      },
      externalIdOf: (id: number) => `E${String(id).padStart(3, '0')}`,
    },
  };
}

const input = (over: Partial<WalkInput>): WalkInput => ({
  pool: pool(Array.from({ length: 100 }, (_, i) => 0.9 - i * 0.005)),
  top: 3,
  named: new Set(),
  namedAgreed: new Set(),
  noRules: false,
  maxBoost: 0,
  weights: PLAIN,
  ...over,
});

describe('walkShortlist (pair rules in score order)', () => {
  it('stops once no later candidate could overtake the k-th: without soft rules one batch of 16 of 100 is evaluated', () => {
    const d = deps();
    const out = walkShortlist(input({}), d.walk);
    expect(out.shortlist.map((c) => c.expertId)).toEqual(['E001', 'E002', 'E003']);
    expect(out.evaluated).toBe(16);
    expect(d.evaluated).toHaveLength(16);
    // One records query per batch, never past the stopping point.
    expect(d.asked.filter((a) => a.length > 0)).toEqual([Array.from({ length: 16 }, (_, i) => i + 1)]);
  });

  it('with soft rules walks on while a later candidate plus the full priority could still reach the k-th score', () => {
    const d = deps();
    const out = walkShortlist(input({ maxBoost: 5 }), d.walk);
    // k-th base 0.89, full priority 0.1: every candidate with base ≥ 0.79 may still overtake (positions 1–21).
    expect(out.evaluated).toBeGreaterThanOrEqual(21);
    expect(out.evaluated).toBeLessThan(40);
    expect(out.shortlist).toHaveLength(3);
  });

  it('collects the candidates the pair rules exclude and fills the shortlist from the next ones', () => {
    const d = deps((id) => (id === 'E001' || id === 'E003' ? fail() : pass()));
    const out = walkShortlist(input({}), d.walk);
    expect(out.shortlist.map((c) => c.expertId)).toEqual(['E002', 'E004', 'E005']);
    expect(out.pairExcluded.map((x) => x.cand.meta.externalId)).toEqual(['E001', 'E003']);
  });

  it('adds a priority share to the score and explains the relaxed rules of each entry', () => {
    const d = deps((id) => (id === 'E003' ? pass(5) : pass()));
    const out = walkShortlist(input({ maxBoost: 5 }), d.walk);
    // E003: 0.89 + 0.1 × 5/5 beats the plain 0.9 of E001.
    expect(out.shortlist.map((c) => [c.expertId, c.score])).toEqual([
      ['E003', 0.99],
      ['E001', 0.9],
      ['E002', 0.895],
    ]);
    expect(out.shortlist[0].breakdown).toMatchObject({ semantic: 0.89, priority: 0.1 });
  });

  it('evaluates a named and agreed expert the walk stopped before, and shows them in the last slot of the others', () => {
    const d = deps();
    const out = walkShortlist(input({ named: new Set([80]), namedAgreed: new Set(['E080']) }), d.walk);
    expect(d.evaluated).toContain('E080');
    expect(out.shortlist.map((c) => c.expertId)).toEqual(['E001', 'E002', 'E080']);
    expect(out.shortlist[2].namedAgreed).toBe(true);
  });

  it('needs no records when the profile has no rules', () => {
    const d = deps();
    const out = walkShortlist(input({ noRules: true }), d.walk);
    expect(d.asked).toEqual([]);
    expect(out.shortlist).toHaveLength(3);
  });
});
