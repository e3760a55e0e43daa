import { z } from 'zod';

// Validation messages reach county staff and portal developers in Chinese.
z.config(z.locales.zhCN());

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  // Only one message per bad value: the calendar check applies once the shape is right.
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealDate(s), '日期不存在');

export const yearSchema = z.number().int().min(1950).max(2100);

// A high surrogate not followed by a low one, or a low one not preceded by a high one: not storable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls and DEL, except tab, line feed and the carriage return of a CRLF line end (pasted text, CSV cells). */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) === 0x0a)) continue;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
export const CONTROL_CHARACTER_MESSAGE = '文本包含不可见的控制字符（仅允许换行和制表符），请删除后重新提交';
export const LONE_SURROGATE_MESSAGE = '文本包含无效的 Unicode 字符（孤立代理项），请检查后重新提交';

/**
 * Every free-text field: a string refused (never silently cleaned) when it holds a control character or a lone
 * surrogate, checked before trimming so nothing is hidden by it. Chain .trim(), .min(), .max() as on z.string().
 */
export const text = () =>
  z
    .string()
    .refine((s) => !hasControlCharacter(s), CONTROL_CHARACTER_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE);

export const shortText = text().trim().min(1).max(200);
export const longText = text().trim().max(20_000);
export const tagList = z.array(text().trim().min(1).max(100)).max(100);
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');

/** Highest first. '无' records that the person has none (an absent field means the fact is not known). */
export const TITLE_LEVELS = ['正高级', '副高级', '中级', '初级', '无'] as const;
export const DEGREES = ['博士', '硕士', '学士', '无'] as const;
/** 学历, highest first (学位 is `DEGREES`): a 研究生 may hold no 硕士 degree and the reverse. */
export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '其他'] as const;
export const INSTITUTION_TYPES = ['university', 'research_institute', 'new_rd_institution', 'vocational_school', 'other'] as const;
export const PATENT_TYPES = ['invention', 'utility', 'design', 'software_copyright'] as const;
export const PATENT_STATUSES = ['filed', 'granted', 'lapsed'] as const;
export const PROJECT_LEVELS = ['national', 'provincial', 'municipal', 'enterprise', 'other'] as const;
export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;

export const titleSchema = z.enum(TITLE_LEVELS);
export const degreeSchema = z.enum(DEGREES);
export const educationSchema = z.enum(EDUCATION_LEVELS);
export const institutionTypeSchema = z.enum(INSTITUTION_TYPES);
export const gradeSchema = z.enum(GRADES);

/** Unified social credit code (GB 32100-2015): 18 characters from a fixed alphabet. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码格式不正确');

export const externalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, '编号只能包含字母、数字、下划线、点、冒号和连字符');
