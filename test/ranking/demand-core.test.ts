import { describe, expect, it } from 'vitest';
import { coreLexicalText, coreQueryText, extractDemandCore, locateInDemand } from '../../src/ranking/demand-core';

const demand = (description: string, title = '密封件耐高温性能提升', expectedField = '') => ({ title, description, expectedField });
const COMPANY = '我公司主要从事汽车零部件的研发、生产和销售，上年营业收入1.2亿元，现有员工260人。';
const PROBLEM = '目前公司产品中的密封件存在耐高温性能不足的问题，寿命与国外先进水平相比仍有差距。';

describe('extractDemandCore', () => {
  it('drops the company paragraph and keeps the problem and the target', () => {
    const core = extractDemandCore(demand(`${COMPANY}${PROBLEM}希望联合开展研究，使产品寿命提升20%以上。`, undefined, '新材料'));
    expect(core.segments).toEqual([
      { part: 'title', text: '密封件耐高温性能提升' },
      { part: 'problem', text: PROBLEM },
      { part: 'target', text: '希望联合开展研究，使产品寿命提升20%以上。' },
      { part: 'field', text: '新材料' },
    ]);
    expect(core.dropped).toEqual([COMPANY]);
  });

  it('gives the same query text with or without a company paragraph in front', () => {
    const without = demand(PROBLEM);
    const withCompany = demand(`本公司是一家专业从事阀门制造的民营企业，注册资本5000万元，现有职工180余人，年产值8000万元。\n${PROBLEM}`);
    expect(coreQueryText(extractDemandCore(withCompany))).toBe(coreQueryText(extractDemandCore(without)));
    expect(coreLexicalText(extractDemandCore(withCompany))).toBe(coreLexicalText(extractDemandCore(without)));
  });

  it('follows form headings: 需求内容 is the problem, 预期目标 the target, 现有工作基础 boilerplate', () => {
    const core = extractDemandCore(
      demand(
        '需求内容：\n企业需要开发高韧性立方氮化硼单晶新牌号，通过触媒自制工艺优化获得韧性好的新牌号。\n预期目标：\n抗冲击韧性≥67%，堆积密度≥1.80克/立方厘米。\n现有工作基础：\n1、公司现有标准化厂房3栋，生产设备完善。\n2、公司2018年度实现销售收入2002万元。',
        '高韧性立方氮化硼单晶的研制',
      ),
    );
    expect(core.segments.map((s) => s.part)).toEqual(['title', 'problem', 'target']);
    expect(core.segments[2].text).toBe('抗冲击韧性≥67%，堆积密度≥1.80克/立方厘米。');
    expect(core.dropped).toEqual(['公司现有标准化厂房3栋，生产设备完善。', '公司2018年度实现销售收入2002万元。']);
  });

  it('cuts company clauses out of a sentence that also states the problem', () => {
    const core = extractDemandCore(demand('公司成立于2005年，现有员工120人，目前注塑件表面存在缩痕和翘曲问题。'));
    expect(core.segments[1]).toEqual({ part: 'problem', text: '目前注塑件表面存在缩痕和翘曲问题。' });
    expect(core.dropped).toEqual(['公司成立于2005年，', '现有员工120人，']);
  });

  it('keeps a technical description without boilerplate whole', () => {
    const text = '将乡村雨水收集起来进行沉淀、过滤、净化，用于农村作物灌溉及生活饮用等。';
    const core = extractDemandCore(demand(text, '海绵乡村雨水净化'));
    expect(core.segments.map((s) => s.text)).toEqual(['海绵乡村雨水净化', text]);
    expect(core.dropped).toEqual([]);
  });

  it('ends an inline 企业简介 section at the line break: the demand after it is kept, numbered or not', () => {
    const intro = '企业简介：公司创建于2012年，坐落于乐清市经济开发区，主营电气开关，上年销售收入3.5亿元。';
    const text = '1、开发出的增强PA66要同时具有较高的力学性能。\n技术难点在于高温下的耐油耐渗透能力。';
    const core = (description: string) => coreQueryText(extractDemandCore(demand(description)));
    expect(core(`${intro}\n${text}`)).toBe(core(text));
    expect(core(text)).toContain('增强PA66');
  });

  it('leaves the title alone when the description is only boilerplate', () => {
    const core = extractDemandCore(demand(COMPANY));
    expect(core.segments).toEqual([{ part: 'title', text: '密封件耐高温性能提升' }]);
  });
});

describe('locateInDemand', () => {
  // A word-list tokenizer stands in for jieba: the function under test only compares the terms it is given.
  const WORDS = ['密封件', '耐高温', '寿命', '橡胶', '高分子', '材料', '区块链', '金融'];
  const tokenize = (t: string) => WORDS.filter((w) => t.includes(w));
  const core = extractDemandCore(demand(`${PROBLEM}使产品寿命提升20%以上。`, '橡胶密封件', '高分子材料'));

  it('names the part of the demand an evidence text shares most terms with, and the terms', () => {
    const locate = locateInDemand(core, tokenize);
    const m = locate('耐高温密封件寿命预测方法研究')!;
    expect(m).toEqual({ part: 'problem', excerpt: PROBLEM, terms: ['密封件', '耐高温', '寿命'] });
    expect(locate('橡胶老化机理')!.part).toBe('title');
    expect(locate('高分子材料改性')!.part).toBe('field');
  });

  it('says nothing when no term is shared', () => {
    expect(locateInDemand(core, tokenize)('区块链金融')).toBeUndefined();
  });
});
