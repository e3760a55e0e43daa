import { z } from 'zod';
import { namedCandidateSchema } from '../intake/demand.schema';
import { regionCodeSchema, text } from '../intake/common.schema';

// The contract between ranking (issue 5: /v1/match, batch CLI) and its consumers (cycle runs, review
// page). Schemas first: the REST response and the stored run rows use these shapes.

export const clauseRefSchema = z.object({ document: z.string(), article: z.string(), text: z.string().optional() });

/** Each part is its weight × its signal (see src/ranking/fusion.ts): the parts add up to the score. */
export const scoreBreakdownSchema = z.object({
  semantic: z.number().describe('dense similarity (max over the expert’s evidence vectors, evidence centroid), weighted'),
  lexical: z.number().describe('BM25 over jieba words and character bigrams, normalised to 0..1, weighted'),
  overlap: z.number().describe('research field / IPC overlap with the demand, weighted'),
  strength: z.number().describe('granted invention patents, project levels, recent activity, weighted'),
  priority: z.number().describe('soft policy priorities (named and agreed, prior cooperation, …), weighted'),
});

export const evidenceRefSchema = z.object({
  kind: z.enum(['portrait', 'project', 'patent', 'paper']),
  label: z.string(),
  year: z.number().int().nullable().optional(),
  similarity: z.number(),
  /** The part of the demand's technical core this evidence matched on shared terms (absent: semantic only). */
  matched: z
    .object({
      part: z.enum(['title', 'problem', 'target', 'field']),
      excerpt: z.string(),
      terms: z.array(z.string()),
    })
    .optional(),
});

export const policyFlagSchema = z.object({
  ruleId: z.string(),
  code: z.string(),
  message: z.string(),
  clause: clauseRefSchema,
});

/** A hard rule the record cannot decide: the facts it lacks, as record paths ('expert.birthDate'). */
export const unknownFlagSchema = policyFlagSchema.extend({ missing: z.array(z.string()) });

export const rankedCandidateSchema = z.object({
  expertId: z.string().describe('expert external id'),
  name: z.string(),
  institution: z.string(),
  region: z.string().describe("the expert's region code; '' when the record has none"),
  score: z.number(),
  breakdown: scoreBreakdownSchema,
  evidence: z.array(evidenceRefSchema).max(3),
  /** Rules passed only through a relaxation: a person must review. */
  flags: z.array(policyFlagSchema),
  /**
   * 待核实: hard rules the records cannot decide (a fact is missing). Such a candidate is shown, never
   * assigned by a cycle run until a county reviewer resolves every one (docs/policies.md).
   */
  unknown: z.array(unknownFlagSchema).default([]),
  priorities: z.array(policyFlagSchema),
  /** Named by the enterprise and already agreed (Hubei 四(二): 可优先考虑、直接安排). */
  namedAgreed: z.boolean(),
});

export const excludedCandidateSchema = z.object({
  expertId: z.string(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(policyFlagSchema).min(1),
});

/** An ad-hoc demand: the demand import's field names plus where its policy comes from. */
export const adHocDemandSchema = z.object({
  title: text().trim().min(1).max(200),
  description: text().trim().max(20_000).default(''),
  expectedField: text().trim().max(100).default(''),
  region: regionCodeSchema.optional(),
  enterpriseCreditCode: z.string().trim().max(18).optional(),
  namedCandidates: z.array(namedCandidateSchema).max(2).default([]),
});

export type ScoreBreakdown = z.infer<typeof scoreBreakdownSchema>;
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;
export type PolicyFlag = z.infer<typeof policyFlagSchema>;
export type UnknownFlag = z.infer<typeof unknownFlagSchema>;
export type RankedCandidate = z.infer<typeof rankedCandidateSchema>;
export type ExcludedCandidate = z.infer<typeof excludedCandidateSchema>;
export type AdHocDemand = z.infer<typeof adHocDemandSchema>;
