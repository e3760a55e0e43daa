// Dispatching institutions (派出单位) in and around Wenzhou. Wenzhou 二(二): 在温高校、科研院所, 在温新型研发机构,
// 拓展至国内高校院所 — hence mostly local ones, some in Hangzhou/Ningbo, a few outside Zhejiang.
// `strengths` are the research domains an institution's researchers are drawn from.
import type { ExpertInput } from '../intake/expert.schema';

export type InstitutionType = ExpertInput['institution']['type'];

export type DemoInstitution = {
  name: string;
  /** Short form used in co-built R&D centre names ("瓯华电气—温大联合研发中心"). */
  short: string;
  type: InstitutionType;
  region: string;
  /** Mail domain for generated (non-existent) mailboxes under a demo. sub-domain. */
  mailDomain: string;
  weight: number;
  strengths: string[];
};

export const INSTITUTIONS: DemoInstitution[] = [
  {
    name: '温州大学',
    short: '温大',
    type: 'university',
    region: '330304',
    mailDomain: 'wzu.edu.cn',
    weight: 18,
    strengths: [
      'lv-apparatus',
      'li-battery',
      'energy-storage',
      'polymer',
      'metal-surface',
      'footwear',
      'leather',
      'apparel-manufacturing',
      'robotics-automation',
      'industrial-software',
      'ai-vision',
      'photovoltaic',
      'power-electronics',
    ],
  },
  {
    name: '温州医科大学',
    short: '温医大',
    type: 'university',
    region: '330304',
    mailDomain: 'wmu.edu.cn',
    weight: 14,
    strengths: ['medical-devices', 'biopharma', 'eyewear-optics'],
  },
  {
    name: '温州理工学院',
    short: '温理工',
    type: 'university',
    region: '330304',
    mailDomain: 'wzut.edu.cn',
    weight: 7,
    strengths: ['industrial-software', 'ai-vision', 'apparel-manufacturing', 'robotics-automation', 'printing-packaging', 'smart-grid'],
  },
  {
    name: '温州肯恩大学',
    short: '肯恩大学',
    type: 'university',
    region: '330304',
    mailDomain: 'wku.edu.cn',
    weight: 2,
    strengths: ['ai-vision', 'biopharma', 'industrial-software'],
  },
  {
    name: '浙江工贸职业技术学院',
    short: '浙江工贸',
    type: 'vocational_school',
    region: '330303',
    mailDomain: 'zjitc.edu.cn',
    weight: 5,
    strengths: ['footwear', 'apparel-manufacturing', 'robotics-automation', 'precision-machining', 'printing-packaging', 'eyewear-optics'],
  },
  {
    name: '温州职业技术学院',
    short: '温职院',
    type: 'vocational_school',
    region: '330304',
    mailDomain: 'wzvtc.edu.cn',
    weight: 6,
    strengths: ['precision-machining', 'robotics-automation', 'lv-apparatus', 'auto-parts', 'fluid-valves', 'smart-grid'],
  },
  {
    name: '温州科技职业学院',
    short: '温科院',
    type: 'vocational_school',
    region: '330303',
    mailDomain: 'wzvcst.edu.cn',
    weight: 2,
    strengths: ['biopharma', 'industrial-software'],
  },
  {
    name: '中国科学院大学温州研究院',
    short: '国科温州研究院',
    type: 'research_institute',
    region: '330303',
    mailDomain: 'ucas.ac.cn',
    weight: 5,
    strengths: ['biopharma', 'medical-devices', 'polymer'],
  },
  {
    name: '浙江大学温州研究院',
    short: '浙大温州研究院',
    type: 'new_rd_institution',
    region: '330302',
    mailDomain: 'zju.edu.cn',
    weight: 5,
    strengths: ['industrial-software', 'robotics-automation', 'polymer', 'fluid-valves', 'medical-devices', 'energy-storage'],
  },
  {
    name: '北京航空航天大学温州研究院',
    short: '北航温州研究院',
    type: 'new_rd_institution',
    region: '330304',
    mailDomain: 'buaa.edu.cn',
    weight: 3,
    strengths: ['vehicle-electronics', 'ai-vision', 'robotics-automation', 'metal-surface', 'power-electronics'],
  },
  {
    name: '温州大学乐清工业研究院',
    short: '乐清工研院',
    type: 'new_rd_institution',
    region: '330382',
    mailDomain: 'wzu.edu.cn',
    weight: 3,
    strengths: ['lv-apparatus', 'smart-grid', 'power-electronics'],
  },
  {
    name: '温州大学新材料与产业技术研究院',
    short: '温大新材料研究院',
    type: 'new_rd_institution',
    region: '330381',
    mailDomain: 'wzu.edu.cn',
    weight: 2,
    strengths: ['li-battery', 'polymer', 'metal-surface', 'photovoltaic'],
  },
  {
    name: '温州市工业科学研究院',
    short: '温州工科院',
    type: 'research_institute',
    region: '330302',
    mailDomain: 'wzisri.cn',
    weight: 3,
    strengths: ['fluid-valves', 'precision-machining', 'metal-surface', 'polymer', 'auto-parts'],
  },
  {
    name: '浙江工业大学',
    short: '浙工大',
    type: 'university',
    region: '330100',
    mailDomain: 'zjut.edu.cn',
    weight: 6,
    strengths: ['fluid-valves', 'polymer', 'robotics-automation', 'precision-machining', 'industrial-software', 'biopharma', 'printing-packaging'],
  },
  {
    name: '浙江大学',
    short: '浙大',
    type: 'university',
    region: '330100',
    mailDomain: 'zju.edu.cn',
    weight: 6,
    strengths: [
      'power-electronics',
      'smart-grid',
      'li-battery',
      'photovoltaic',
      'medical-devices',
      'biopharma',
      'ai-vision',
      'industrial-software',
      'fluid-valves',
      'polymer',
      'robotics-automation',
    ],
  },
  {
    name: '浙江理工大学',
    short: '浙理工',
    type: 'university',
    region: '330100',
    mailDomain: 'zstu.edu.cn',
    weight: 4,
    strengths: ['textile-dyeing', 'apparel-manufacturing', 'leather', 'footwear', 'polymer'],
  },
  {
    name: '中国计量大学',
    short: '中量大',
    type: 'university',
    region: '330100',
    mailDomain: 'cjlu.edu.cn',
    weight: 3,
    strengths: ['lv-apparatus', 'smart-grid', 'photovoltaic', 'eyewear-optics', 'precision-machining'],
  },
  {
    name: '杭州电子科技大学',
    short: '杭电',
    type: 'university',
    region: '330100',
    mailDomain: 'hdu.edu.cn',
    weight: 3,
    strengths: ['ai-vision', 'industrial-software', 'vehicle-electronics', 'power-electronics'],
  },
  {
    name: '宁波大学',
    short: '宁大',
    type: 'university',
    region: '330200',
    mailDomain: 'nbu.edu.cn',
    weight: 2,
    strengths: ['metal-surface', 'polymer', 'ai-vision'],
  },
  {
    name: '中国科学院宁波材料技术与工程研究所',
    short: '宁波材料所',
    type: 'research_institute',
    region: '330200',
    mailDomain: 'nimte.ac.cn',
    weight: 2,
    strengths: ['polymer', 'metal-surface', 'li-battery', 'photovoltaic'],
  },
  {
    name: '上海交通大学',
    short: '上海交大',
    type: 'university',
    region: '310000',
    mailDomain: 'sjtu.edu.cn',
    weight: 1,
    strengths: ['vehicle-electronics', 'li-battery', 'auto-parts', 'robotics-automation'],
  },
  {
    name: '华中科技大学',
    short: '华科',
    type: 'university',
    region: '420100',
    mailDomain: 'hust.edu.cn',
    weight: 1,
    strengths: ['lv-apparatus', 'power-electronics', 'photovoltaic', 'precision-machining'],
  },
  {
    name: '东南大学',
    short: '东大',
    type: 'university',
    region: '320100',
    mailDomain: 'seu.edu.cn',
    weight: 1,
    strengths: ['smart-grid', 'power-electronics', 'medical-devices'],
  },
  {
    name: '北京化工大学',
    short: '北化工',
    type: 'university',
    region: '110000',
    mailDomain: 'buct.edu.cn',
    weight: 0.5,
    strengths: ['polymer'],
  },
];

/** Not a university or institute: fails every source rule (Wenzhou 二(一)2 高校院所、职业学校; Xinxiang 三(一)1). */
export const NON_ACADEMIC_INSTITUTION: DemoInstitution = {
  name: '温州瓯越科技咨询有限公司',
  short: '瓯越咨询',
  type: 'other',
  region: '330302',
  mailDomain: 'ouyue-consult.cn',
  weight: 0,
  strengths: [],
};

export function findInstitution(name: string): DemoInstitution {
  const inst = INSTITUTIONS.find((i) => i.name === name);
  if (!inst) throw new RangeError(`unknown demo institution: ${name}`);
  return inst;
}
