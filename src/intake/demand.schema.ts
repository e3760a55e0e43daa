import { z } from 'zod';
import { creditCodeSchema, externalIdSchema, longText, shortText, text } from './common.schema';

/** 附件1 三: up to two named candidates; "已经协商一致" is the agreed flag. */
export const namedCandidateSchema = z
  .object({
    expertExternalId: externalIdSchema.optional(),
    name: text().trim().max(50).optional(),
    institution: text().trim().max(200).optional(),
    contact: text().trim().max(50).optional(),
    agreed: z.boolean().default(false),
  })
  .refine((c) => c.expertExternalId || c.name, { message: '备选专家需要专家编号或姓名' });

export const COOPERATION_MODES = ['技术转让', '技术入股', '联合开发', '委托研发', '委托团队、专家长期技术服务', '共建新研发、生产实体', '其他'] as const;

export const demandSchema = z
  .object({
    externalId: externalIdSchema,
    enterpriseCreditCode: creditCodeSchema,
    cycle: text().trim().min(1).max(64),
    title: shortText,
    description: longText.pipe(z.string().min(1)),
    expectedField: text().trim().max(100).default(''),
    expectedSource: text().trim().max(200).optional(),
    namedCandidates: z.array(namedCandidateSchema).max(2, '期望专家备选人员最多 2 人').default([]),
    keyCommonTech: z.boolean().default(false),
    expectedCooperation: text().trim().max(2000).optional(),
    cooperationModes: z.array(z.enum(COOPERATION_MODES)).max(7).default([]),
    partnerRequirements: text().trim().max(2000).optional(),
    /** 预计技术合作经费投入, in 万元. */
    expectedFunding: z.number().min(0).max(1e7).optional(),
    /**
     * 附件1 三 是否愿意为“科技副总”提供必要的工作条件和服务保障: true/false as answered; absent = not answered,
     * which the rules that require it treat as `unknown` (never as yes).
     */
    providesConditions: z.boolean().optional(),
    conditionsNote: text().trim().max(1000).optional(),
    /** 附件1 三 期望专家备选人员 · 说明：（是否已经协商一致等）, free text beside the two candidates. */
    candidatesNote: text().trim().max(1000).optional(),
    /**
     * 附件1 三 (“科技副总”需求，无需求的，可不填此项): false = the enterprise filed only section 四 (a technical
     * problem) and asks for no 科技副总 — stored and listed, never matched or assigned. Absent or true = section 三
     * is filled (every record before this field was one), so the demand takes part in matching.
     */
    requestsVicePresident: z.boolean().optional(),
    /** 附件1 四 问题难题（简要描述）, apart from section 三's request (`title` / `description`). */
    problem: text().trim().max(2000).optional(),
    /** 附件1 四 有无对外技术合作需求 □有 □无: absent = not answered (never read as 有). */
    externalCooperationNeeded: z.boolean().optional(),
    /** 附件1 四 对外技术合作方式 □其他合作方式：____ (the text; `cooperationModes` then holds 其他). */
    otherCooperationMode: text().trim().max(500).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.requestsVicePresident === false && !d.problem) {
      ctx.addIssue({ code: 'custom', path: ['problem'], message: '只填报技术创新难题（不需要科技副总）时，问题难题不能为空' });
    }
    if (d.requestsVicePresident === false && d.namedCandidates.length) {
      ctx.addIssue({ code: 'custom', path: ['namedCandidates'], message: '不需要科技副总的需求不能填写期望专家备选人员' });
    }
    if (d.otherCooperationMode && !d.cooperationModes.includes('其他')) {
      ctx.addIssue({ code: 'custom', path: ['otherCooperationMode'], message: '填写了其他合作方式，对外技术合作方式应勾选“其他”' });
    }
  });

/** Section 三 filled: the demand asks for a 科技副总 and takes part in matching and assignment. */
export const requestsVicePresident = (d: Pick<Demand, 'requestsVicePresident'>): boolean => d.requestsVicePresident !== false;

export type DemandInput = z.input<typeof demandSchema>;
export type Demand = z.infer<typeof demandSchema>;
