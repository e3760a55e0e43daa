import { z } from 'zod';
import { creditCodeSchema, dateSchema, externalIdSchema, regionCodeSchema, shortText, tagList, text } from './common.schema';

/** 附件1 二(三): kinds of R&D institutions and their level. */
export const rdInstitutionSchema = z.object({
  name: shortText,
  kind: text().trim().min(1).max(50).optional(),
  level: z.enum(['national', 'provincial', 'municipal', 'other']).optional(),
  mode: z.enum(['self_built', 'co_built']).optional(),
});

export const CREDIT_ISSUE_CATEGORIES = ['violation', 'bad_credit'] as const;

export const creditIssueSchema = z.object({
  date: dateSchema,
  kind: text().trim().min(1).max(50),
  /** 严重失信 / 重大违法违规: most rules exclude only serious ones. */
  serious: z.boolean().default(true),
  /**
   * violation: 违法违规行为 (an administrative penalty, a tax violation); bad_credit: 不良信用记录 (失信被执行人,
   * 经营异常名录, a credit-system blacklist). Liaocheng 第九条第1项 excludes serious violations but any bad credit
   * record; absent means not classified (a non-serious unclassified issue is then `unknown` there).
   */
  category: z.enum(CREDIT_ISSUE_CATEGORIES).optional(),
  note: text().trim().max(1000).optional(),
});

/** Founders and investors, so that conflicts of interest (Xinxiang 三(二)5, Liaocheng 第九条, Wenzhou 二(三)1) can be detected. */
export const relatedPartySchema = z
  .object({
    kind: z.enum(['founder', 'investor']),
    expertExternalId: externalIdSchema.optional(),
    institutionName: text().trim().min(1).max(200).optional(),
    name: text().trim().max(100).optional(),
  })
  .refine((p) => p.expertExternalId || p.institutionName || p.name, {
    message: '关联方至少需要专家编号、单位名称或姓名之一',
  });

export const RD_SPENDING_BANDS = ['<1%', '1-3%', '3-5%', '5-10%', '>10%'] as const;

export const enterpriseSchema = z.object({
  creditCode: creditCodeSchema,
  name: shortText,
  region: regionCodeSchema,
  /** Absent: rules on the enterprise's age say `unknown`. */
  registeredAt: dateSchema.optional(),
  employees: z.number().int().min(0).max(10_000_000).optional(),
  /** 上年营业收入, in 万元. */
  revenue: z.number().min(0).max(1e9).optional(),
  qualifications: tagList.default([]),
  industry: text().trim().min(1).max(50),
  legalRepresentative: text().trim().max(50).optional(),
  /** 附件1 一 法人代表 · 手机 (the contact person's phone is `contact.phone`). */
  legalRepresentativePhone: text().trim().max(30).optional(),
  contact: z.object({ name: text().trim().max(50).optional(), phone: text().trim().max(30).optional() }).default({}),
  address: text().trim().max(300).optional(),
  rdInstitutions: z.array(rdInstitutionSchema).max(20).default([]),
  rdAreaM2: z.number().min(0).optional(),
  rdStaff: z.number().int().min(0).optional(),
  rdEquipmentValue: z.number().min(0).optional(),
  rdSpendingBand: z.enum(RD_SPENDING_BANDS).optional(),
  rdProjectModes: tagList.default([]),
  creditIssues: z.array(creditIssueSchema).max(100).default([]),
  relatedParties: z.array(relatedPartySchema).max(100).default([]),
});

export type EnterpriseInput = z.input<typeof enterpriseSchema>;
export type Enterprise = z.infer<typeof enterpriseSchema>;
