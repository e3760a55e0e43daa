import { z } from 'zod';
import {
  creditCodeSchema,
  dateSchema,
  degreeSchema,
  educationSchema,
  externalIdSchema,
  gradeSchema,
  institutionTypeSchema,
  longText,
  PATENT_STATUSES,
  PATENT_TYPES,
  PROJECT_LEVELS,
  regionCodeSchema,
  shortText,
  tagList,
  text,
  titleSchema,
  yearSchema,
} from './common.schema';

export const institutionRefSchema = z.object({
  name: shortText,
  type: institutionTypeSchema,
  region: regionCodeSchema.optional(),
});

export const projectSchema = z.object({
  title: shortText,
  abstract: longText.default(''),
  keywords: tagList.default([]),
  role: z.enum(['leader', 'member']).default('leader'),
  level: z.enum(PROJECT_LEVELS).default('other'),
  startYear: yearSchema.optional(),
  endYear: yearSchema.optional(),
});

export const patentSchema = z.object({
  number: text().trim().min(1).max(64),
  title: shortText,
  abstract: longText.default(''),
  type: z.enum(PATENT_TYPES),
  status: z.enum(PATENT_STATUSES),
  ipc: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-H]\d{2}[A-Z](\s?\d{1,4}\/\d{1,6})?$/, 'IPC 分类号格式不正确'),
    )
    .max(50)
    .default([]),
  filedAt: dateSchema.optional(),
  grantedAt: dateSchema.optional(),
});

export const paperSchema = z.object({
  title: shortText,
  abstract: longText.default(''),
  keywords: tagList.default([]),
  venue: text().trim().max(200).optional(),
  year: yearSchema.optional(),
});

/** 不良记录: 学术不端, 科研失信, or any other kind the institution reports. */
export const badRecordSchema = z.object({
  date: dateSchema,
  kind: text().trim().min(1).max(50),
  note: text().trim().max(1000).optional(),
});

/** A past or current 科技副总 appointment: makes "currently serving" and "graded 不合格" facts in the data. */
export const serviceRecordSchema = z.object({
  enterpriseCreditCode: creditCodeSchema,
  cycle: text().trim().min(1).max(64).optional(),
  startDate: dateSchema,
  endDate: dateSchema.optional(),
  grade: gradeSchema.optional(),
});

/** Earlier cooperation with an enterprise (Xinxiang 四(三)1: 前期已有合作基础的优先支持). */
export const cooperationSchema = z.object({
  enterpriseCreditCode: creditCodeSchema,
  year: yearSchema.optional(),
  note: text().trim().max(500).optional(),
});

// Facts a policy rule reads may be absent (a talent pool imported from another system often lacks them):
// the record is stored and the rules that need the fact say `unknown` (docs/policies.md), never pass.
export const expertSchema = z
  .object({
    externalId: externalIdSchema,
    name: text().trim().min(1).max(50),
    gender: z.enum(['男', '女']).optional(),
    birthDate: dateSchema.optional(),
    title: titleSchema.optional(),
    degree: degreeSchema.optional(),
    /** 学历 (研究生/本科/专科…), apart from 学位: Wenzhou 二(一)3 reads 硕士以上学历. Absent = not known. */
    education: educationSchema.optional(),
    institution: institutionRefSchema,
    region: regionCodeSchema.optional(),
    fields: tagList.default([]),
    /** The year only: exact where the year decides a work-experience rule, `unknown` where it does not. */
    workStartYear: yearSchema.optional(),
    /** 参加工作日期: work experience is counted from it like age (满两年 = the second anniversary). */
    workStartDate: dateSchema.optional(),
    honours: tagList.default([]),
    /**
     * 派出单位意见: whether the sending unit consents to / recommends the application (Xinxiang 五(一)1 经派出单位
     * 同意后; Wenzhou 三(二)1 对推荐申报人…把关; Hubei 四(二) 在本单位组织开展报名、遴选推荐). Absent = not known, never consent.
     */
    sendingUnit: z
      .object({
        consents: z.boolean().optional(),
        opinion: text().trim().max(1000).optional(),
        date: dateSchema.optional(),
      })
      .optional(),
    /** The time the expert commits to the enterprise (Hubei 三 ≥7 天/月, Xinxiang ≥45 天/年, Wenzhou 四(四) ≥3 个月/年). */
    commitment: z
      .object({
        daysPerMonth: z.number().min(0).max(31).optional(),
        daysPerYear: z.number().min(0).max(366).optional(),
        note: text().trim().max(500).optional(),
      })
      .optional(),
    contact: z
      .object({
        phone: text().trim().max(30).optional(),
        email: z.email().optional(),
      })
      .default({}),
    projects: z.array(projectSchema).max(500).default([]),
    patents: z.array(patentSchema).max(500).default([]),
    papers: z.array(paperSchema).max(500).default([]),
    badRecords: z.array(badRecordSchema).max(100).default([]),
    serviceHistory: z.array(serviceRecordSchema).max(50).default([]),
    cooperations: z.array(cooperationSchema).max(100).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.workStartDate && e.workStartYear !== undefined && Number(e.workStartDate.slice(0, 4)) !== e.workStartYear) {
      ctx.addIssue({ code: 'custom', path: ['workStartYear'], message: `参加工作年份 ${e.workStartYear} 与参加工作日期 ${e.workStartDate} 不一致` });
    }
  });

export type ExpertInput = z.input<typeof expertSchema>;
export type Expert = z.infer<typeof expertSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Patent = z.infer<typeof patentSchema>;
export type Paper = z.infer<typeof paperSchema>;
export type BadRecord = z.infer<typeof badRecordSchema>;
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;
