import { z } from 'zod';
import { dateSchema, DEGREES, GRADES, INSTITUTION_TYPES, PATENT_STATUSES, PATENT_TYPES, regionCodeSchema, TITLE_LEVELS } from '../intake/common.schema';

/** Where a rule comes from: the document's short name and its article, e.g. 鄂经信科技〔2020〕73号 二(三). */
export const clauseSchema = z.object({
  document: z.string().trim().min(1).max(100),
  article: z.string().trim().min(1).max(50),
  /** A short quotation of the clause, shown to county staff next to the verdict. */
  text: z.string().trim().max(500).optional(),
});
export type Clause = z.infer<typeof clauseSchema>;

/**
 * A listed term. Values are normalised first (full-width → half-width, quotes and spaces removed).
 * In `priorityIndustries` the name and `match` strings are substrings of the enterprise's industry
 * ('新能源汽车' is under '新能源'); in `enterprise.qualifications` they are the exact spellings that count as
 * the listed item, after the synonym table of text-match.ts ('高新技术企业培育库入库企业' is not '高新技术企业').
 * A bare string is shorthand for { name } matched by the name itself.
 */
export const termMatcherSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((name) => ({ name, match: [name] })),
  z
    .object({
      name: z.string().trim().min(1).max(100),
      match: z.array(z.string().trim().min(1).max(100)).min(1).max(20).optional(),
    })
    .transform((t) => ({ name: t.name, match: t.match ?? [t.name] })),
]);
export type TermMatcher = z.output<typeof termMatcherSchema>;

// Relaxations turn a failing hard rule into 'relaxed': the candidate passes, flagged for human review.
const namedAgreedRelaxation = z.object({
  kind: z.literal('namedAgreed'),
  clause: clauseSchema,
  /**
   * On expert.maxAge: the oldest age (inclusive) the relaxation admits. "可适当放宽" gives no number, so the
   * bound is a profile setting; without it any age is admitted (for review).
   */
  upTo: z.number().int().min(16).max(100).optional(),
});
const coreIpRelaxation = z.object({
  kind: z.literal('coreIp'),
  clause: clauseSchema,
  /** Operationalises "拥有核心知识产权或成熟科技成果": this many granted invention patents. */
  minGrantedInventionPatents: z.number().int().min(1).max(100).default(1),
});
const renewalRelaxation = z.object({
  kind: z.literal('renewal'),
  clause: clauseSchema,
  grades: z.array(z.enum(GRADES)).min(1).default(['优秀']),
});
const advisoryRelaxation = z.object({
  kind: z.literal('advisory'),
  clause: clauseSchema,
});
export const relaxationSchema = z.discriminatedUnion('kind', [namedAgreedRelaxation, coreIpRelaxation, renewalRelaxation, advisoryRelaxation]);
export type Relaxation = z.infer<typeof relaxationSchema>;
export type RelaxationKind = Relaxation['kind'];

const ruleBase = {
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '规则编号只能包含小写字母、数字和连字符'),
  clause: clauseSchema,
  /** hard: a failure excludes; soft: a pass adds `boost` to the priority score. */
  effect: z.enum(['hard', 'soft']),
  boost: z.number().min(0).max(100).default(1),
  relaxations: z.array(relaxationSchema).max(5).default([]),
};

const titleDegreeSchema = z
  .object({
    title: z.enum(TITLE_LEVELS).optional(),
    degree: z.enum(DEGREES).optional(),
  })
  .refine((a) => a.title || a.degree, { message: '每个条件至少需要职称或学位之一' });

const ruleSchemas = [
  /** Any alternative met (title ≥ X and/or degree ≥ Y within one alternative). */
  z.object({ ...ruleBase, kind: z.literal('expert.qualification'), anyOf: z.array(titleDegreeSchema).min(1).max(10) }),
  /**
   * Age in full years at the reference date ≤ years ("45 岁以下", "不超过 50 周岁" include the number).
   * firstAppointmentOnly (Xinxiang 初聘): the cap applies only to someone never appointed 科技副总 before.
   */
  z.object({
    ...ruleBase,
    kind: z.literal('expert.maxAge'),
    years: z.number().int().min(16).max(100),
    firstAppointmentOnly: z.boolean().default(false),
  }),
  /** Full years from the work start date to the reference date ≥ years; a year alone decides only when it can. */
  z.object({ ...ruleBase, kind: z.literal('expert.minWorkYears'), years: z.number().int().min(0).max(60) }),
  /** No bad record dated on or after referenceDate − withinYears; kinds (substrings) limit which records count. */
  z.object({
    ...ruleBase,
    kind: z.literal('expert.noBadRecord'),
    withinYears: z.number().int().min(1).max(30),
    kinds: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  }),
  z.object({ ...ruleBase, kind: z.literal('expert.notCurrentlyServing') }),
  /** No service graded in `grades` ended (or started, if open) on or after referenceDate − withinYears. */
  z.object({
    ...ruleBase,
    kind: z.literal('expert.noRecentGrade'),
    withinYears: z.number().int().min(1).max(30),
    grades: z.array(z.enum(GRADES)).min(1).default(['不合格']),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('expert.institution'),
    allowed: z
      .array(
        z.object({
          types: z.array(z.enum(INSTITUTION_TYPES)).min(1),
          region: regionCodeSchema.optional(),
        }),
      )
      .min(1)
      .max(10),
    /** 事业单位 only (Xinxiang 三(一)1): a sending unit named as a company (有限公司, 有限责任公司) fails. */
    notCompany: z.boolean().default(false),
  }),
  /** A patent of the listed types and statuses, or (if researchResults) any project or paper. */
  z.object({
    ...ruleBase,
    kind: z.literal('expert.achievements'),
    patentTypes: z.array(z.enum(PATENT_TYPES)).min(1),
    patentStatuses: z.array(z.enum(PATENT_STATUSES)).min(1).default(['granted']),
    researchResults: z.boolean().default(true),
  }),
  /** Experts who served in the cycle's previousCycles: 'named' forbids naming them on a demand, 'any' excludes them. */
  z.object({ ...ruleBase, kind: z.literal('expert.notPreviousCycles'), scope: z.enum(['named', 'any']) }),
  z.object({ ...ruleBase, kind: z.literal('enterprise.region'), regionCode: regionCodeSchema }),
  z.object({ ...ruleBase, kind: z.literal('enterprise.minRegisteredYears'), years: z.number().int().min(0).max(50) }),
  /**
   * No issue dated on or after referenceDate − withinYears that counts: serious ones (or all when
   * seriousOnly is false); with anyBadCredit also every 不良信用记录 however minor (Liaocheng 第九条第1项).
   */
  z.object({
    ...ruleBase,
    kind: z.literal('enterprise.noSeriousIssues'),
    withinYears: z.number().int().min(1).max(30),
    seriousOnly: z.boolean().default(true),
    anyBadCredit: z.boolean().default(false),
  }),
  /**
   * One of the listed qualifications, matched exactly (text-match.ts synonyms). openEnded: the document's
   * list ends in 等, so a qualification not on it goes to review (`unknown`) instead of failing.
   */
  z.object({
    ...ruleBase,
    kind: z.literal('enterprise.qualifications'),
    anyOf: z.array(termMatcherSchema).min(1).max(50),
    openEnded: z.boolean().default(false),
  }),
  z.object({ ...ruleBase, kind: z.literal('enterprise.noPriorTechVp') }),
  /**
   * Large = employees ≥ maxEmployees AND revenue (万元) ≥ maxRevenue, so either figure below its threshold
   * proves 中小微; a missing figure that would decide makes the rule `unknown`.
   */
  z.object({
    ...ruleBase,
    kind: z.literal('enterprise.sme'),
    maxEmployees: z.number().int().min(1),
    maxRevenue: z.number().min(1),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('enterprise.rdInstitution'),
    minLevel: z.enum(['national', 'provincial', 'municipal']).optional(),
  }),
  /** Enterprise industry matches one of the profile's priorityIndustries. */
  z.object({ ...ruleBase, kind: z.literal('enterprise.industry') }),
  z.object({
    ...ruleBase,
    kind: z.literal('pair.conflictOfInterest'),
    partyKinds: z
      .array(z.enum(['founder', 'investor']))
      .min(1)
      .default(['founder', 'investor']),
    includeInstitution: z.boolean().default(true),
  }),
  /** Uses the profile's expertCapacity / enterpriseCapacity. */
  z.object({ ...ruleBase, kind: z.literal('pair.expertCapacity') }),
  z.object({ ...ruleBase, kind: z.literal('pair.enterpriseCapacity') }),
  z.object({ ...ruleBase, kind: z.literal('pair.namedAgreed') }),
  z.object({ ...ruleBase, kind: z.literal('pair.priorCooperation') }),
  z.object({ ...ruleBase, kind: z.literal('pair.renewal'), grades: z.array(z.enum(GRADES)).min(1).default(['优秀']) }),
  z.object({ ...ruleBase, kind: z.literal('demand.providesConditions') }),
] as const;

export const policyRuleSchema = z.discriminatedUnion('kind', ruleSchemas);
export type PolicyRule = z.infer<typeof policyRuleSchema>;
export type RuleKind = PolicyRule['kind'];
export const RULE_KINDS = ruleSchemas.map((s) => s.shape.kind.value) as RuleKind[];

/**
 * Per-profile allocation settings, each present only where the document says so, citing the clause.
 * quota: seats per region in proportion to what the region collected (Hubei 73号 四(二)), at the level of
 * 市州 (city) or 区县 (county), counting demands or enterprises. namedAgreedFirst: a pair the enterprise
 * named and agreed is placed before any other (73号 四(二) 可优先考虑、直接安排).
 */
export const allocationSettingsSchema = z.object({
  quota: z
    .object({
      level: z.enum(['city', 'county']),
      count: z.enum(['demands', 'enterprises']),
      clause: clauseSchema,
    })
    .optional(),
  namedAgreedFirst: z.object({ clause: clauseSchema }).optional(),
});
export type AllocationSettings = z.infer<typeof allocationSettingsSchema>;

/**
 * What the documents count as a placement's outcomes (Wenzhou 一; Liaocheng 第七条; Wenzhou 三(一)4 and Xinxiang 六(四)
 * 平台载体). Declared here, below placements, because profiles set targets on them.
 */
export const OUTCOME_KINDS = ['problem_solved', 'project', 'ip_filing', 'new_technology', 'training', 'people_trained', 'platform'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
/** Intellectual property a filing may be (Liaocheng 第七条第2项: 发明专利、实用新型专利、软件著作权等). */
export const IP_TYPES = ['invention', 'utility', 'design', 'software_copyright', 'other'] as const;
export type IpType = (typeof IP_TYPES)[number];

/**
 * How a placement made under the profile runs, each part present only where the document says so, citing the
 * clause (docs/policies.md, "Placements"): the term, the tripartite agreement filed with the county, the
 * minimum service time, the grades of the term evaluation (and whether there is a yearly one), early
 * termination, renewal, the outcome targets and the yearly top list.
 */
export const placementSettingsSchema = z.object({
  term: z.object({ years: z.number().int().min(1).max(10), clause: clauseSchema }).optional(),
  agreement: z.object({ clause: clauseSchema }).optional(),
  /** period month: every month of the term from its start; year: every service year. minVisits: service entries. */
  serviceTime: z
    .object({
      period: z.enum(['month', 'year']),
      minDays: z.number().min(0).max(366),
      minVisits: z.number().int().min(1).max(366).optional(),
      clause: clauseSchema,
    })
    .optional(),
  evaluation: z
    .object({
      grades: z.array(z.enum(GRADES)).min(2),
      /** The term evaluation opens this many months before the term ends (0: on its last day). */
      opensMonthsBeforeEnd: z.number().int().min(0).max(12).default(1),
      clause: clauseSchema,
      /** A yearly assessment besides the term's (Liaocheng 第十七条 年度述职). */
      annual: z.object({ clause: clauseSchema }).optional(),
    })
    .optional(),
  termination: z.object({ clause: clauseSchema }).optional(),
  renewal: z.object({ grades: z.array(z.enum(GRADES)).min(1).default(['优秀']), clause: clauseSchema }).optional(),
  /**
   * perPlacementYear: every placement, every service year (Liaocheng 第七条); programme: the programme's total by
   * `until` (Wenzhou 一). kind 'enterprises' / 'placements' count placements' distinct enterprises / placements.
   */
  targets: z
    .array(
      z.object({
        kind: z.union([z.enum(OUTCOME_KINDS), z.literal('enterprises'), z.literal('placements')]),
        scope: z.enum(['perPlacementYear', 'programme']),
        min: z.number().int().min(1).max(1_000_000),
        ipTypes: z.array(z.enum(IP_TYPES)).min(1).optional(),
        until: dateSchema.optional(),
        label: z.string().trim().min(1).max(100),
        clause: clauseSchema,
      }),
    )
    .max(30)
    .default([]),
  topList: z.object({ size: z.number().int().min(1).max(100).default(10), clause: clauseSchema }).optional(),
});
export type PlacementSettings = z.output<typeof placementSettingsSchema>;

export const profileIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '策略编号只能包含小写字母、数字和连字符（2–64 位）');

export const policyProfileSchema = z
  .object({
    id: profileIdSchema,
    /** Built-ins carry their own version; for custom profiles the repository assigns the next one. */
    version: z.number().int().min(1).default(1),
    name: z.string().trim().min(1).max(200),
    jurisdiction: z.object({
      name: z.string().trim().min(1).max(100),
      regionCode: regionCodeSchema.nullable(),
    }),
    document: z
      .object({
        title: z.string().trim().min(1).max(300),
        number: z.string().trim().max(100).optional(),
        issuer: z.string().trim().max(300).optional(),
        date: dateSchema.optional(),
      })
      .optional(),
    rules: z.array(policyRuleSchema).max(200),
    priorityIndustries: z.array(termMatcherSchema).max(100).default([]),
    /** Enterprises one expert may serve at once, and experts one enterprise may take (used by allocation too). */
    expertCapacity: z.number().int().min(1).max(100).default(1),
    enterpriseCapacity: z.number().int().min(1).max(100).default(1),
    /** How a cycle's seats are shared and which pairs come first, as the document says (docs/policies.md). */
    allocation: allocationSettingsSchema.default({}),
    /** How its placements run: term, agreement, service time, evaluation, termination, renewal, targets. */
    placement: placementSettingsSchema.default({ targets: [] }),
    notes: z.string().trim().max(5000).optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则编号重复：${r.id}` });
      seen.add(r.id);
      if (r.effect === 'soft' && r.relaxations.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'relaxations'], message: '软性（加分）规则不能设置放宽条件' });
      }
      r.relaxations.forEach((x, j) => {
        if (x.kind === 'namedAgreed' && x.upTo !== undefined && (r.kind !== 'expert.maxAge' || x.upTo <= r.years)) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'relaxations', j, 'upTo'], message: 'upTo 只能用于年龄规则，且应大于规则的年龄上限' });
        }
      });
      if (r.kind === 'enterprise.industry' && p.priorityIndustries.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['priorityIndustries'], message: '使用 enterprise.industry 规则时必须列出重点产业' });
      }
    });
  });

export type PolicyProfileInput = z.input<typeof policyProfileSchema>;
export type PolicyProfile = z.output<typeof policyProfileSchema>;
