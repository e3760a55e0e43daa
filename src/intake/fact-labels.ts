// Chinese names of the facts a rule may find missing, for messages, warnings and the review page.
// Keys are record paths as the API and the import formats spell them.
export const FACT_LABELS: Record<string, string> = {
  'expert.birthDate': '出生日期',
  'expert.title': '专业技术职称',
  'expert.degree': '学位',
  'expert.region': '所在地区',
  'expert.institution.region': '派出单位所在地区',
  'expert.workStartDate': '参加工作日期',
  'enterprise.registeredAt': '注册日期',
  'enterprise.employees': '从业人数',
  'enterprise.revenue': '上年营业收入',
  'enterprise.qualifications': '资质是否属于所列类别',
  'enterprise.creditIssues.category': '信用记录类别（违法违规或不良信用）',
  'demand.providesConditions': '是否愿意提供工作条件和服务保障',
};

export const factLabel = (path: string): string => FACT_LABELS[path] ?? path;

/** '出生日期、学位' */
export const factList = (paths: readonly string[]): string => paths.map(factLabel).join('、');

/**
 * Facts some built-in policy rule reads that this record does not carry: stored anyway, reported as a
 * warning so whoever imports knows which verdicts will be `unknown` until the fact is entered.
 */
export function missingFacts(kind: 'experts' | 'enterprises' | 'demands', record: unknown): string[] {
  const r = (record ?? {}) as Record<string, unknown>;
  const absent = (k: string) => r[k] === undefined || r[k] === null || r[k] === '';
  if (kind === 'experts') {
    return [...(['birthDate', 'title', 'degree', 'region'] as const).filter(absent).map((k) => `expert.${k}`), ...(absent('workStartDate') ? ['expert.workStartDate'] : [])];
  }
  if (kind === 'enterprises') return (['registeredAt', 'employees', 'revenue'] as const).filter(absent).map((k) => `enterprise.${k}`);
  return absent('providesConditions') ? ['demand.providesConditions'] : [];
}
