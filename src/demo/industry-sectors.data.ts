// Wenzhou's enterprise landscape: the "5+5" industries (五大传统特色产业 电气、鞋业、服装、汽车零部件、泵阀;
// 五大战略性新兴产业 数字经济、智能装备、生命健康、新能源、新材料) plus eyewear and printing/packaging, each with the
// county clusters it really sits in (乐清柳市 electrical, 瑞安塘下 auto parts, 永嘉瓯北 valves, 龙港 printing …).
// `industry` labels reuse the words of the Wuhan form and Liaocheng 第十条 where they overlap (新能源、新材料、生命健康).

/**
 * A research domain an industry's technical problems fall into. Secondary domains narrow the vocabulary to
 * what such a firm would really ask about: an electrical firm asks materials scientists about contact
 * materials, not about valve bodies.
 */
export type SectorTopic = {
  domain: string;
  weight: number;
  /** A core business of the industry (a firm's products come from here) rather than a neighbouring field. */
  main?: boolean;
  objects?: string[];
  applications?: string[];
  /** Products of firms whose core business is this topic, where an industry spans several. */
  products?: string[];
  /**
   * How a firm relates to the topic's objects when it is not simply its product line: equipment it produces
   * with (服装吊挂生产线, 冲压模具). Otherwise derived: own product, purchased material, or a new business.
   */
  usage?: 'production';
};

export type IndustrySector = {
  key: string;
  industry: string;
  topics: SectorTopic[];
  nameStems: string[];
  products: string[];
  regions: ReadonlyArray<readonly [string, number]>;
  weight: number;
  /** Counts towards 规上工业企业 (industrial enterprises with revenue ≥ 2000 万元). */
  manufacturing: boolean;
};

export const INDUSTRY_SECTORS: IndustrySector[] = [
  {
    key: 'electrical',
    industry: '电气',
    topics: [
      { domain: 'lv-apparatus', weight: 3, main: true },
      { domain: 'smart-grid', weight: 1, objects: ['智能断路器', '智能电能表', '故障电弧探测器', '台区智能融合终端'] },
      { domain: 'power-electronics', weight: 1, objects: ['开关电源', '光伏逆变器', '电机控制器'], applications: ['光伏发电系统', '工业伺服驱动', '储能变流系统'] },
      { domain: 'metal-surface', weight: 1, objects: ['银氧化锡触头', '铜合金触头材料', '电镀镍层'], applications: ['低压电器触头'] },
    ],
    nameStems: ['电气', '电器', '开关', '智能电气', '电力科技', '电器配件'],
    products: ['小型断路器', '塑壳断路器', '万能式断路器', '交流接触器', '继电器', '隔离开关', '智能电能表', '成套配电柜'],
    regions: [
      ['330382', 7],
      ['330303', 1],
      ['330304', 1],
      ['330302', 1],
    ],
    weight: 17,
    manufacturing: true,
  },
  {
    key: 'footwear',
    industry: '鞋业',
    topics: [
      { domain: 'footwear', weight: 3, main: true },
      { domain: 'leather', weight: 1, objects: ['超纤合成革', '水性聚氨酯涂饰剂', '皮革涂层', '无铬鞣剂'], applications: ['鞋面革'] },
      { domain: 'polymer', weight: 1, objects: ['热塑性聚氨酯弹性体', '聚氨酯合成革树脂'], applications: ['鞋底材料'] },
    ],
    nameStems: ['鞋业', '鞋材', '皮革', '制鞋'],
    products: ['男士皮鞋', '休闲运动鞋', '童鞋', 'TPU鞋底', '合成革', '鞋用胶粘剂'],
    regions: [
      ['330302', 5],
      ['330304', 3],
      ['330381', 1],
      ['330303', 1],
    ],
    weight: 8,
    manufacturing: true,
  },
  {
    key: 'apparel',
    industry: '服装',
    topics: [
      { domain: 'apparel-manufacturing', weight: 3, main: true, usage: 'production', products: ['男士西服', '休闲服装', '童装', '针织服装'] },
      { domain: 'textile-dyeing', weight: 1.5, main: true, products: ['功能性面料', '针织面料', '印花面料'] },
    ],
    nameStems: ['服饰', '服装', '制衣', '时装'],
    products: ['男士西服', '休闲服装', '童装', '功能性面料', '针织服装'],
    regions: [
      ['330302', 4],
      ['330304', 4],
      ['330327', 1],
      ['330326', 1],
    ],
    weight: 6,
    manufacturing: true,
  },
  {
    key: 'auto-parts',
    industry: '汽车零部件',
    topics: [
      { domain: 'auto-parts', weight: 3, main: true },
      { domain: 'vehicle-electronics', weight: 1, objects: ['车身控制器', '胎压监测系统', '电子制动控制单元'] },
      { domain: 'metal-surface', weight: 1, objects: ['铝合金压铸件', '耐磨涂层'], applications: ['汽车零部件'] },
      { domain: 'precision-machining', weight: 1, usage: 'production', objects: ['精密冲压模具', '注塑模具', '五轴加工中心'], applications: ['汽配零件加工'] },
    ],
    nameStems: ['汽车部件', '汽配', '机车部件', '汽车电子', '车业'],
    products: ['汽车制动器', '汽车传感器', '摩托车离合器', '汽车线束', '车灯总成', '电子驻车制动系统'],
    regions: [
      ['330381', 7],
      ['330303', 1.5],
      ['330326', 1.5],
    ],
    weight: 10,
    manufacturing: true,
  },
  {
    key: 'pumps-valves',
    industry: '泵阀',
    topics: [
      { domain: 'fluid-valves', weight: 3, main: true },
      { domain: 'precision-machining', weight: 1, usage: 'production', objects: ['数控机床', '五轴加工中心', '硬质合金刀具'], applications: ['泵阀阀体加工'] },
      { domain: 'metal-surface', weight: 1, objects: ['不锈钢阀体', '耐磨涂层'], applications: ['阀门密封面'] },
    ],
    nameStems: ['阀门', '泵业', '流体设备', '管阀', '流体控制'],
    products: ['球阀', '蝶阀', '截止阀', '离心泵', '调节阀', '安全阀'],
    regions: [
      ['330324', 6],
      ['330303', 3],
      ['330304', 1],
    ],
    weight: 8,
    manufacturing: true,
  },
  {
    key: 'new-energy',
    industry: '新能源',
    topics: [
      { domain: 'li-battery', weight: 2, main: true, products: ['锂离子电池', '动力电池模组', '正极材料'] },
      { domain: 'energy-storage', weight: 2, main: true, products: ['储能系统', '电池管理系统', '户用储能电源'] },
      { domain: 'photovoltaic', weight: 1.5, main: true, products: ['光伏组件', '光伏电池片', '光伏封装胶膜'] },
      { domain: 'power-electronics', weight: 1, objects: ['光伏逆变器', '双向DC-DC变换器', '车载充电机'], applications: ['光伏发电系统', '储能变流系统', '新能源汽车电驱系统'] },
    ],
    nameStems: ['新能源', '储能科技', '光伏科技', '电池', '能源科技'],
    products: ['锂离子电池', '储能系统', '光伏组件', '光伏逆变器', '电池管理系统'],
    regions: [
      ['330303', 3],
      ['330381', 2],
      ['330382', 3],
      ['330326', 1],
      ['330305', 1],
    ],
    weight: 8,
    manufacturing: true,
  },
  {
    key: 'new-materials',
    industry: '新材料',
    topics: [
      { domain: 'polymer', weight: 3, main: true, products: ['改性工程塑料', '聚氨酯树脂', '合成革用树脂'] },
      { domain: 'metal-surface', weight: 2, main: true, products: ['不锈钢管材', '电镀件', '功能涂层'] },
      { domain: 'leather', weight: 1, objects: ['超纤合成革', '水性聚氨酯涂饰剂', '生态合成革基布'] },
    ],
    nameStems: ['新材料', '材料科技', '化工', '塑业', '合金材料'],
    products: ['改性工程塑料', '聚氨酯树脂', '合成革用树脂', '不锈钢管材', '电镀件', '功能涂层'],
    regions: [
      ['330303', 4],
      ['330326', 2],
      ['330305', 2],
      ['330381', 2],
    ],
    weight: 7,
    manufacturing: true,
  },
  {
    key: 'digital',
    industry: '数字经济',
    topics: [
      { domain: 'industrial-software', weight: 3, main: true, products: ['工业互联网平台', '制造执行系统', '数据中台'] },
      { domain: 'ai-vision', weight: 2, main: true, products: ['机器视觉检测系统', '智能质检设备', '智慧园区平台'] },
      { domain: 'smart-grid', weight: 0.5, objects: ['配电物联网终端', '开关柜在线监测系统'] },
    ],
    nameStems: ['信息科技', '网络科技', '软件', '数字科技', '智能科技'],
    products: ['工业互联网平台', '制造执行系统', '机器视觉检测系统', '智慧园区平台', '数据中台'],
    regions: [
      ['330302', 4],
      ['330304', 3],
      ['330303', 3],
    ],
    weight: 8,
    manufacturing: false,
  },
  {
    key: 'health',
    industry: '生命健康',
    topics: [
      { domain: 'medical-devices', weight: 2, main: true, products: ['一次性医用耗材', '康复器械', '医用敷料'] },
      { domain: 'biopharma', weight: 2, main: true, products: ['体外诊断试剂', '原料药', '中药饮片'] },
    ],
    nameStems: ['医疗器械', '生物科技', '医药', '健康科技', '生物医药'],
    products: ['一次性医用耗材', '体外诊断试剂', '康复器械', '医用敷料', '原料药', '中药饮片'],
    regions: [
      ['330303', 3],
      ['330304', 3],
      ['330302', 1],
      ['330328', 1],
      ['330329', 1],
      ['330326', 1],
    ],
    weight: 8,
    manufacturing: true,
  },
  {
    key: 'equipment',
    industry: '智能装备',
    topics: [
      { domain: 'robotics-automation', weight: 3, main: true, products: ['包装机械', '工业机器人', '自动化装配线', '制药机械'] },
      { domain: 'precision-machining', weight: 2, main: true, products: ['数控机床', '注塑机', '精密模具'] },
      { domain: 'industrial-software', weight: 1, objects: ['设备预测性维护系统', '制造执行系统', '数字孪生车间'] },
    ],
    nameStems: ['智能装备', '机械', '自动化', '机器人', '精工'],
    products: ['包装机械', '注塑机', '工业机器人', '自动化装配线', '数控机床', '制药机械'],
    regions: [
      ['330381', 4],
      ['330303', 2],
      ['330326', 2],
      ['330324', 1],
      ['330329', 1],
    ],
    weight: 9,
    manufacturing: true,
  },
  {
    key: 'eyewear',
    industry: '眼镜',
    topics: [
      { domain: 'eyewear-optics', weight: 3, main: true },
      { domain: 'metal-surface', weight: 1, objects: ['钛合金', '电镀镍层', '耐磨涂层'], applications: ['眼镜架'] },
    ],
    nameStems: ['眼镜', '光学', '眼镜科技', '视光'],
    products: ['金属眼镜架', '板材眼镜架', '太阳镜', '树脂镜片', '智能眼镜'],
    regions: [
      ['330304', 6],
      ['330302', 2],
      ['330303', 2],
    ],
    weight: 4,
    manufacturing: true,
  },
  {
    key: 'printing-packaging',
    industry: '印刷包装',
    topics: [
      { domain: 'printing-packaging', weight: 3, main: true },
      { domain: 'polymer', weight: 1, objects: ['生物基可降解材料'], applications: ['食品包装'] },
    ],
    nameStems: ['包装', '印业', '印务', '包装材料', '彩印'],
    products: ['彩印包装盒', '纸塑复合袋', '不干胶标签', '无纺布袋', '环保纸杯'],
    regions: [
      ['330383', 6],
      ['330327', 3],
      ['330326', 1],
    ],
    weight: 5,
    manufacturing: true,
  },
];

/** The industry labels above: a Wenzhou policy profile can list them as priority industries. */
export const DEMO_INDUSTRIES = INDUSTRY_SECTORS.map((s) => s.industry);

/** County name, how enterprises there prefix their names, and real towns/streets for addresses. */
export const COUNTY_PLACES: Record<string, { county: string; prefix: string; towns: string[] }> = {
  '330302': { county: '温州市鹿城区', prefix: '温州', towns: ['双屿街道', '藤桥镇', '七都街道', '南郊街道'] },
  '330303': { county: '温州市龙湾区', prefix: '温州', towns: ['永中街道', '海城街道', '蒲州街道', '星海街道', '状元街道'] },
  '330304': { county: '温州市瓯海区', prefix: '温州', towns: ['娄桥街道', '潘桥街道', '郭溪街道', '仙岩街道', '丽岙街道', '南白象街道'] },
  '330305': { county: '温州市洞头区', prefix: '温州', towns: ['北岙街道', '霓屿街道', '元觉街道'] },
  '330324': { county: '温州市永嘉县', prefix: '永嘉', towns: ['瓯北街道', '东瓯街道', '桥头镇', '三江街道'] },
  '330326': { county: '温州市平阳县', prefix: '平阳', towns: ['昆阳镇', '鳌江镇', '水头镇', '萧江镇'] },
  '330327': { county: '温州市苍南县', prefix: '苍南', towns: ['灵溪镇', '钱库镇', '金乡镇', '宜山镇'] },
  '330328': { county: '温州市文成县', prefix: '文成', towns: ['大峃镇', '玉壶镇'] },
  '330329': { county: '温州市泰顺县', prefix: '泰顺', towns: ['罗阳镇', '雅阳镇'] },
  '330381': { county: '温州市瑞安市', prefix: '瑞安市', towns: ['塘下镇', '飞云街道', '上望街道', '汀田街道', '安阳街道'] },
  '330382': { county: '温州市乐清市', prefix: '乐清市', towns: ['柳市镇', '北白象镇', '虹桥镇', '乐成街道', '翁垟街道'] },
  '330383': { county: '温州市龙港市', prefix: '龙港市', towns: ['龙港新城', '印刷工业园区', '芦浦社区'] },
  // Outside Wenzhou: only for the "registered outside the jurisdiction" edge cases.
  '330100': { county: '杭州市滨江区', prefix: '杭州', towns: ['长河街道', '西兴街道'] },
  '330200': { county: '宁波市鄞州区', prefix: '宁波', towns: ['首南街道', '潘火街道'] },
};

export const ROADS = [
  '发展路',
  '创业路',
  '工业路',
  '滨海大道',
  '科技路',
  '兴业路',
  '东风路',
  '长江路',
  '学院路',
  '经济开发区纬三路',
  '高新大道',
  '开源路',
  '振兴路',
  '瓯江路',
  '新区大道',
  '富民路',
];

export const BRAND_HEADS = [
  '瓯',
  '华',
  '鑫',
  '宏',
  '创',
  '瑞',
  '嘉',
  '恒',
  '凯',
  '德',
  '新',
  '力',
  '源',
  '博',
  '卓',
  '远',
  '达',
  '宇',
  '中',
  '鸿',
  '盛',
  '旭',
  '森',
  '龙',
  '天',
  '昊',
  '联',
  '鼎',
  '信',
  '永',
  '金',
  '海',
  '东',
  '欧',
  '立',
  '诚',
  '精',
  '科',
];
export const BRAND_TAILS = [
  '江',
  '达',
  '兴',
  '科',
  '诺',
  '泰',
  '腾',
  '峰',
  '辰',
  '润',
  '凯',
  '邦',
  '驰',
  '越',
  '汇',
  '洲',
  '锐',
  '翔',
  '诚',
  '晟',
  '安',
  '宝',
  '益',
  '普',
  '捷',
  '迈',
  '朗',
  '博',
  '瑞',
  '帆',
  '川',
  '亿',
  '康',
  '格',
  '美',
  '盈',
];
/** Well-known real Wenzhou brands the name generator must not produce. */
export const RESERVED_BRANDS = new Set(['正泰', '德力', '天正', '华峰', '瑞立', '宏达', '新力', '永泰', '金科', '华泰', '中泰', '鸿达']);

export const QUALIFICATIONS = {
  giant: '国家级专精特新"小巨人"',
  provincialSpecialised: '省级专精特新中小企业',
  highTech: '高新技术企业',
  techSme: '科技型中小企业',
  innovativeSme: '创新型中小企业',
  gazelle: '瞪羚企业',
  aboveScale: '规上工业企业',
  hiddenChampion: '隐形冠军企业',
  software: '软件企业',
  advancedService: '技术先进型服务企业',
} as const;

/** Every qualification string the generator uses, for policy profiles that list preferred qualifications. */
export const DEMO_QUALIFICATIONS: string[] = Object.values(QUALIFICATIONS);
