import ExcelJS from 'exceljs';

// Workbooks in the official 武汉 layouts, built here cell by cell as a county clerk would fill them in Excel
// (the label in one cell, the answer in the next; ☑ ticks a box). Tests never read /work/shared.

export type Cell = string | number | null;

export const CODE_A = '91330302MA2AB0001X';
export const CODE_B = '91330303MA2AB0002Y';
export const CODE_C = '91330302MA2AB0003W';

/** A filled 附件1 as rows of cells; `over` replaces the answer of a label (first match). */
export function attachment1Rows(over: Record<string, Cell> = {}): Cell[][] {
  const rows: Cell[][] = [
    ['2023年企业“科技副总”需求与技术创新难题信息表'],
    ['一、企业基本信息'],
    ['统一社会信用代码', CODE_A],
    ['企业所在地', '鹿城区'],
    ['企业名称', '温州瓯能储能科技有限公司', '企业从业人数（名）', '120', '上年营业收入（万元）', 8600],
    ['资质/荣誉\n（可多选）', '☑国家“专精特新”小巨人  □省级“专精特新”中小企业  □省级“专精特新”培育入库企业   □现代种业优势特色企业   ☑其他：高新技术企业'],
    [
      '行业领域',
      '□光电子信息  ☑新能源与智能网联汽车  □生命健康  □高端装备 □北斗    □量子   □软件和信息安全   □人工智能与类脑科学   □算力与大数据   □节能环保   □新材料   □纺织服装  □元宇宙  □现代种业   □其他',
    ],
    ['法人代表', '王强', '手机', '13800000001', '联系人', '李娜', '手机', '13800000002'],
    ['地 址', '温州市鹿城区学院中路 1 号'],
    ['二、企业创新情况'],
    ['是否建有研发机构', '☑有    研发机构1 名称：瓯能储能研究院\n研发机构2 名称：电池安全实验室\n□无'],
    ['研发机构建设形式', '☑企业自建                 □与其他单位共建'],
    ['（三）研发机构\n类型', '□制造业创新中心（□国家级  □省级  □市级）\n☑企业技术中心（□国家级  ☑省级  □市级）\n☑实验室（□国家级  □省级  ☑市级）\n□院士工作站'],
    ['研发场地', '☑有   800 平方米； □无'],
    ['研发人员', '☑有  35 人；   □无'],
    ['研发设备', '□有    原值        万元； ☑无'],
    ['上年研发投入占营业收入比例：', '□1%以内   □1%～3%   ☑3%～5%   □5%～10%   □10%以上'],
    ['研发项目', '☑有（☑自主研发 ☑合作研发 □ 委托研发 □ 模仿改进 □外购）   □无'],
    ['三、“科技副总”需求（无需求的，可不填此项）'],
    ['期望专家来源（省内高校院所，省外中科院、工信部、教育部所属高校院所等）', '省内高校院所'],
    ['期望专家研究领域', '储能安全'],
    ['期望专家备选人员（最多2人）', '备选1', '姓名', '李明', '单位', '温州大学', '联系方式', '13900000001', '是否已经协商一致', '是'],
    [null, '备选2', '姓名', '张华', '单位', '浙江大学', '联系方式', '13900000002'],
    [null, '说明：（是否已经协商一致等）', '备选1已当面协商一致，备选2尚未联系'],
    ['期望“科技副总”帮助解决的技术创新难题', '储能电池组热失控早期预警'],
    ['期望与“科技副总”派出单位开展的项目合作', '共建储能安全联合实验室'],
    ['是否愿意为“科技副总”提供必要的工作条件和服务保障', '☑是\n如：提供办公室和实验平台\n□否'],
    ['四、技术创新难题'],
    ['问题难题（简要描述）', '电池组热失控早期信号难以捕捉'],
    ['是否行业关键共性技术', '☑是  □否'],
    ['（二）需求描述', '储能电池组在高温工况下存在热失控风险，需要早期预警与阻断方案。'],
    ['有无对外技术合作需求', '☑有  □无'],
    ['对外技术合作方式', '□技术转让   □技术入股  ☑联合开发   □委托研发\n□委托团队、专家长期技术服务\n□共建新研发、生产实体\n☑其他合作方式：共建联合实验室'],
    ['对技术合作方的要求，具体意向单位和专家', '具备储能安全方向国家级项目经验'],
    ['预计技术合作经费投入（万元）', '200'],
  ];
  const done = new Set<string>();
  return rows.map((r) => {
    const key = typeof r[0] === 'string' ? r[0] : undefined;
    if (key && key in over && !done.has(key)) {
      done.add(key);
      return [r[0], over[key], ...r.slice(2)];
    }
    return r;
  });
}

/** What attachment1Rows() must become, field by field. */
export const ATTACHMENT1_ENTERPRISE = {
  creditCode: CODE_A,
  name: '温州瓯能储能科技有限公司',
  region: '330302',
  employees: 120,
  revenue: 8600,
  qualifications: ['国家“专精特新”小巨人', '高新技术企业'],
  industry: '新能源与智能网联汽车',
  legalRepresentative: '王强',
  legalRepresentativePhone: '13800000001',
  contact: { name: '李娜', phone: '13800000002' },
  address: '温州市鹿城区学院中路 1 号',
  rdInstitutions: [
    { name: '瓯能储能研究院', kind: '企业技术中心', level: 'provincial', mode: 'self_built' },
    { name: '电池安全实验室', kind: '实验室', level: 'municipal', mode: 'self_built' },
  ],
  rdAreaM2: 800,
  rdStaff: 35,
  rdEquipmentValue: 0,
  rdSpendingBand: '3-5%',
  rdProjectModes: ['自主研发', '合作研发'],
  creditIssues: [],
  relatedParties: [],
};

export const ATTACHMENT1_DEMAND = {
  externalId: `test-2026:${CODE_A}`,
  enterpriseCreditCode: CODE_A,
  cycle: 'test-2026',
  title: '储能电池组热失控早期预警',
  description: '储能电池组在高温工况下存在热失控风险，需要早期预警与阻断方案。',
  expectedField: '储能安全',
  expectedSource: '省内高校院所',
  namedCandidates: [
    { name: '李明', institution: '温州大学', contact: '13900000001', agreed: true },
    { name: '张华', institution: '浙江大学', contact: '13900000002', agreed: false },
  ],
  candidatesNote: '备选1已当面协商一致，备选2尚未联系',
  expectedCooperation: '共建储能安全联合实验室',
  providesConditions: true,
  conditionsNote: '提供办公室和实验平台',
  problem: '电池组热失控早期信号难以捕捉',
  keyCommonTech: true,
  externalCooperationNeeded: true,
  cooperationModes: ['联合开发', '其他'],
  otherCooperationMode: '共建联合实验室',
  partnerRequirements: '具备储能安全方向国家级项目经验',
  expectedFunding: 200,
};

export function addRows(ws: ExcelJS.Worksheet, rows: Cell[][]): void {
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    });
  });
}

export async function writeWorkbook(file: string, sheets: Array<[name: string, rows: Cell[][]]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) addRows(wb.addWorksheet(name), rows);
  await wb.xlsx.writeFile(file);
}

const A2_HEADERS = [
  '序号',
  '企业所在地',
  '申报企业名称',
  '所属行业',
  '企业从业人数（名）',
  '上年营业收入（万元）',
  '期望专家研究领域',
  '期望“科技副总”帮助解决的技术创新难题',
  '期望与“科技副总”派出单位开展的项目合作',
  '指定专家',
  null,
  null,
  null,
  null,
  null,
  '未指定具体专家（打√）',
];
const A2_SUB = ['期望专家备选人员1所在单位', '期望专家备选人员1姓名', '是否已经协商一致', '期望专家备选人员2所在单位', '期望专家备选人员2姓名', '是否已经协商一致'];

/** A 附件2 summary as the 区 fills it: merged title and 指定专家 header, the meta line, then `rows` from row 5. */
export async function writeAttachment2(file: string, rows: Cell[][], extraHeaders: string[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('汇总表');
  ws.mergeCells('A1:P1');
  ws.getCell('A1').value = '2023年企业“科技副总”选派需求汇总表（区经信部门填报）';
  ws.mergeCells('A2:P2');
  ws.getCell('A2').value = '填报单位（加盖公章）：鹿城区经信局　　　　填报人：张三　　联系方式：0577-88880000　　填报日期：2026-03-05';
  addRows(ws, [[], [], [...A2_HEADERS, ...extraHeaders], [null, null, null, null, null, null, null, null, null, ...A2_SUB], ...rows]);
  for (let c = 1; c <= 16; c++) if (c < 10 || c > 15) ws.mergeCells(3, c, 4, c);
  ws.mergeCells('J3:O3');
  extraHeaders.forEach((_, i) => ws.mergeCells(3, 17 + i, 4, 17 + i));
  await wb.xlsx.writeFile(file);
}
