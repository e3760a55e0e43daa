import { COOPERATION, FIELD_KEYS, INDUSTRY_OPTIONS, LABELS, LEVELS, PROJECT_MODES, QUALIFICATION_OPTIONS, RD_KINDS, SPENDING } from './attachment1-form.data';
import { type FormError, readNumber, readTicks, type SheetCell, type SheetCells, textAfter } from './official-workbook.reader';

// 武汉 2023 附件1 《企业“科技副总”需求与技术创新难题信息表》 as a worksheet: each label in a cell, its answer in the
// next non-label cell of the same row (docs/import-formats.md, "Official forms"). One enterprise per sheet.

const normLabel = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/[“”"‘’']/g, '')
    .replace(/^[（(][一二三四五六七八九十\d]+[）)]/, '');

export const labelOf = (text: string): string | undefined => LABELS.find(([, p]) => p.test(normLabel(text)))?.[0];

/** The records one filled 附件1 sheet makes: an enterprise and its demand, or the errors that reject the sheet whole. */
export type Attachment1Result = {
  enterprise?: Record<string, unknown>;
  demand?: Record<string, unknown>;
  errors: FormError[];
  /** Where each record field was read, so a schema rejection can name the cell. */
  cellOf: (field: string) => SheetCell | undefined;
};

export function parseAttachment1(sheet: SheetCells, opts: { cycle: string; region?: string }): Attachment1Result {
  const errors: FormError[] = [];
  const at = (c: SheetCell, field: string, message: string) => errors.push({ file: sheet.file, sheet: sheet.sheet, cell: c.address, line: c.row, field, message });
  const answers = new Map<string, SheetCell>();
  const candidates: Array<Record<string, unknown>> = [];

  const byRow = new Map<number, SheetCell[]>();
  for (const c of sheet.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  for (const cells of [...byRow.values()]) {
    cells.sort((a, b) => a.col - b.col);
    let owner: string | undefined; // the last person label of the row: 法人代表 or 联系人 (whose 手机 follows)
    let cand: Record<string, unknown> | undefined;
    let key: string | undefined;
    for (const c of cells) {
      const label = labelOf(c.text);
      if (label) {
        if (label === 'candidate') {
          cand = { ordinal: Number(normLabel(c.text).slice(-1)) };
          candidates.push(cand);
          key = undefined;
          continue;
        }
        key = label === 'phone' ? (owner === 'contactName' ? 'contactPhone' : 'legalPhone') : label;
        if (label === 'legalRepresentative' || label === 'contactName') owner = label;
        continue;
      }
      if (!key) continue;
      if (cand && key.startsWith('cand')) cand[key] = c;
      else if (!answers.has(key)) answers.set(key, c);
      key = undefined;
    }
  }

  const text = (k: string) => answers.get(k)?.text;
  const num = (k: string, field: string) => {
    const c = answers.get(k);
    if (!c) return undefined;
    const n = readNumber(c.text);
    if (n === undefined || !/^[\d,.\s]+(名|人|万元|元)?$/.test(c.text)) at(c, field, `应为数字：${c.text}`);
    return n;
  };
  const ticks = (k: string, field: string, options: readonly string[], max?: number): string[] => {
    const c = answers.get(k);
    if (!c) return [];
    const r = readTicks(c.text, options);
    if (r.error) at(c, field, r.error);
    else if (max && r.ticked.length > max) at(c, field, `只能勾选一项：${r.ticked.join('、')}`);
    return r.ticked;
  };
  const yesNo = (k: string, field: string, yes: string, no: string): boolean | undefined => {
    const t = ticks(k, field, [yes, no], 1);
    return t.length ? t[0] === yes : undefined;
  };
  /** □有 ___ 平方米 □无: the number when 有, 0 when 无, absent when neither. */
  const haveAmount = (k: string, field: string): number | undefined => {
    const c = answers.get(k);
    if (!c) return undefined;
    const t = yesNo(k, field, '有', '无');
    if (t === false) return 0;
    const n = readNumber(c.text);
    if (t === true && n === undefined) at(c, field, `勾选了“有”但没有填写数量：${c.text}`);
    return t === true ? n : undefined;
  };

  const creditCell = answers.get('creditCode');
  if (!creditCell)
    errors.push({ file: sheet.file, sheet: sheet.sheet, cell: '-', line: 0, field: 'creditCode', message: '缺少“统一社会信用代码”（附件1 之外唯一需要补充的一行）' });
  const creditCode = creditCell?.text.replace(/\s+/g, '').toUpperCase();
  const region = text('region') ?? opts.region;

  // 一、企业基本信息
  const industryCell = answers.get('industry');
  const industryTicks = ticks('industry', 'industry', INDUSTRY_OPTIONS, 1);
  const industry = industryTicks[0] === '其他' && industryCell ? (textAfter(industryCell.text, /其他/) ?? '其他') : industryTicks[0];
  const qualCell = answers.get('qualifications');
  const qualifications = ticks('qualifications', 'qualifications', QUALIFICATION_OPTIONS).flatMap((q) =>
    q === '其他' ? (qualCell ? (textAfter(qualCell.text, /其他/)?.split(/[;；、,，]/) ?? []) : []) : [q],
  );

  // 二、企业创新情况
  const hasRd = yesNo('hasRd', 'rdInstitutions', '有', '无');
  const rdNames = hasRd ? [...(text('hasRd') ?? '').matchAll(/研发机构\d\s*名称[:：]\s*([^\n□☑■√✓✔]+)/g)].map((m) => m[1].trim()).filter(Boolean) : [];
  const mode = ticks('rdMode', 'rdInstitutions.mode', ['企业自建', '与其他单位共建'], 1)[0];
  const kindCell = answers.get('rdKind');
  const kinds = kindCell
    ? kindCell.text
        .split('\n')
        .map((line) => ({ kind: readTicks(line, RD_KINDS).ticked[0], level: readTicks(line, Object.keys(LEVELS)).ticked[0] }))
        .filter((k) => k.kind)
    : [];
  if (hasRd && rdNames.length === 0 && answers.get('hasRd')) at(answers.get('hasRd')!, 'rdInstitutions', '勾选了“有”研发机构，但没有填写研发机构名称');
  const rdInstitutions = rdNames.map((name, i) => ({
    name,
    ...(kinds[i]?.kind ? { kind: kinds[i].kind } : {}),
    ...(kinds[i]?.level ? { level: LEVELS[kinds[i].level!] } : {}),
    ...(mode ? { mode: mode === '企业自建' ? 'self_built' : 'co_built' } : {}),
  }));
  const band = ticks('rdSpending', 'rdSpendingBand', Object.keys(SPENDING), 1)[0];
  const projectCell = answers.get('rdProjects');
  const rdProjectModes =
    projectCell && readTicks(projectCell.text, ['有', '无']).ticked.includes('有')
      ? ticks('rdProjects', 'rdProjectModes', [...PROJECT_MODES, '有', '无']).filter((m) => m !== '有' && m !== '无')
      : [];

  const enterprise = {
    creditCode,
    name: text('name'),
    region,
    registeredAt: text('registeredAt'),
    employees: num('employees', 'employees'),
    revenue: num('revenue', 'revenue'),
    qualifications,
    industry,
    legalRepresentative: text('legalRepresentative'),
    legalRepresentativePhone: text('legalPhone'),
    contact: { name: text('contactName'), phone: text('contactPhone') },
    address: text('address'),
    rdInstitutions,
    rdAreaM2: haveAmount('rdArea', 'rdAreaM2'),
    rdStaff: haveAmount('rdStaff', 'rdStaff'),
    rdEquipmentValue: haveAmount('rdEquipment', 'rdEquipmentValue'),
    rdSpendingBand: band ? SPENDING[band] : undefined,
    rdProjectModes,
  };

  // 三、“科技副总”需求（无需求的，可不填此项） and 四、技术创新难题
  const namedCandidates = candidates
    .sort((a, b) => (a.ordinal as number) - (b.ordinal as number))
    .map((c) => {
      const agreedCell = c.candAgreed as SheetCell | undefined;
      let agreed = false;
      if (agreedCell) {
        const r = readTicks(agreedCell.text, ['是', '否']);
        if (r.error || r.ticked.length !== 1) at(agreedCell, 'namedCandidates.agreed', '是否已经协商一致应为 是 或 否');
        agreed = r.ticked[0] === '是';
      }
      return {
        name: (c.candName as SheetCell | undefined)?.text,
        institution: (c.candInstitution as SheetCell | undefined)?.text,
        contact: (c.candContact as SheetCell | undefined)?.text,
        agreed,
      };
    })
    .filter((c) => c.name || c.institution || c.contact);
  const condCell = answers.get('providesConditions');
  const providesConditions = yesNo('providesConditions', 'providesConditions', '是', '否');
  const coopCell = answers.get('cooperationModes');
  const modes = ticks('cooperationModes', 'cooperationModes', COOPERATION).map((m) => (m === '其他合作方式' ? '其他' : m));
  const vpProblem = text('vpProblem');
  const problem = text('problem');
  const sectionThree = Boolean(vpProblem || text('expectedField') || text('expectedSource') || namedCandidates.length || text('expectedCooperation'));
  const demand = {
    externalId: creditCode ? `${opts.cycle}:${creditCode}` : undefined,
    enterpriseCreditCode: creditCode,
    cycle: opts.cycle,
    title: vpProblem ?? problem,
    description: text('description') ?? vpProblem ?? problem,
    expectedField: text('expectedField'),
    expectedSource: text('expectedSource'),
    namedCandidates,
    candidatesNote: text('candidatesNote'),
    expectedCooperation: text('expectedCooperation'),
    providesConditions,
    conditionsNote: providesConditions && condCell ? textAfter(condCell.text, /如[:：]?/) : undefined,
    problem,
    keyCommonTech: yesNo('keyCommonTech', 'keyCommonTech', '是', '否'),
    externalCooperationNeeded: yesNo('externalCooperation', 'externalCooperationNeeded', '有', '无'),
    cooperationModes: modes,
    otherCooperationMode: modes.includes('其他') && coopCell ? textAfter(coopCell.text, /其他合作方式/) : undefined,
    partnerRequirements: text('partnerRequirements'),
    expectedFunding: num('expectedFunding', 'expectedFunding'),
    ...(sectionThree ? {} : { requestsVicePresident: false }),
  };
  if (!vpProblem && !problem) {
    errors.push({ file: sheet.file, sheet: sheet.sheet, cell: '-', line: 0, field: 'title', message: '三“期望科技副总帮助解决的技术创新难题”与四“问题难题”都没有填写' });
  }
  const cellOf = (field: string): SheetCell | undefined => {
    const head = field.split('.')[0];
    if (head === 'namedCandidates') {
      const i = Number(field.split('.')[1]);
      const c = candidates[Number.isInteger(i) ? i : 0];
      return c ? ((c.candName ?? c.candInstitution) as SheetCell | undefined) : undefined;
    }
    for (const k of FIELD_KEYS[head] ?? []) if (answers.has(k)) return answers.get(k);
    return undefined;
  };
  return { enterprise: dropEmpty(enterprise), demand: dropEmpty(demand), errors, cellOf };
}

/** Absent answers are absent keys (so the schemas' “unknown = absent” holds), also inside nested objects. */
function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? dropEmpty(v as Record<string, unknown>) : v]),
  );
}
