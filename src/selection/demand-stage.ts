import type { DemandStage, InterestState } from './selection.schema';

/** A demand's stage from its pairs' states: the furthest any pair has come (docs/policies.md, selection). */
export function stageOf(states: readonly InterestState[]): DemandStage {
  if (!states.length) return 'no_interest';
  if (states.includes('agreed')) return 'agreed';
  if (states.includes('chosen')) return 'chosen';
  if (states.includes('talking')) return 'talking';
  if (states.includes('pending')) return 'interested';
  return 'declined';
}

/** Pairs whose talk is open (messages, contacts and meeting requests are allowed). */
export const TALK_OPEN_STATES: readonly InterestState[] = ['talking', 'chosen', 'agreed'];

/** Whole days from `from` to `to` (ISO timestamps), never negative. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000));
}
