// Per-field vocabularies for composing researchers' projects, patents and papers and enterprises' technical
// problems. Everything an expert or a demand says is drawn from one domain, so a lithium-battery expert talks
// about cathodes and thermal runaway and a battery maker's demand uses the same words: the matcher has real
// signal to find. Fields follow Wenzhou's "5+5" industries plus eyewear and printing/packaging.
//
// Grammar contract (the composer relies on it):
//   objects      noun phrases (研究对象/产品部件)             "高镍三元正极材料"
//   methods      noun phrases usable after 采用/基于          "表面包覆改性"
//   properties   improvable nouns usable after 提升/提高      "循环寿命"
//   applications scene nouns usable after 面向/应用于        "新能源汽车动力电池"
//   issues       predicates that follow an object            "高温循环容量衰减快"
//   ipc          IPC codes that fit the topic (main group first)

export type DomainKind = 'material' | 'device' | 'software' | 'bio';

export type ResearchDomain = {
  key: string;
  /** The research-field tag experts carry and demands ask for (期望专家研究领域). */
  field: string;
  kind: DomainKind;
  /** Neighbouring domains an expert may also work in (their 2nd/3rd field). */
  related: string[];
  objects: string[];
  methods: string[];
  properties: string[];
  applications: string[];
  issues: string[];
  ipc: string[];
  venues: string[];
  /** Product names for design patents (外观设计), where the field has physical consumer products. */
  designs?: string[];
};

export const RESEARCH_DOMAINS: ResearchDomain[] = [
  {
    key: 'lv-apparatus', field: '低压电器', kind: 'device', related: ['smart-grid', 'power-electronics', 'metal-surface'],
    objects: ['小型断路器', '塑壳断路器', '万能式断路器', '交流接触器', '电磁继电器', '剩余电流保护器', '双电源自动转换开关', '灭弧室', '操作机构', '电子脱扣器'],
    methods: ['电弧磁流体动力学仿真', '多物理场耦合仿真', '电磁机构动态特性分析', '加速寿命试验', '拓扑优化设计', '数字孪生建模', '触头材料成分优化'],
    properties: ['分断能力', '电寿命', '机械寿命', '温升性能', '动作可靠性', '抗电弧侵蚀性能'],
    applications: ['光伏直流配电系统', '新能源汽车充电桩', '数据中心配电系统', '智能楼宇配电', '工业配电柜', '储能电站直流侧'],
    issues: ['短路分断时电弧易重燃', '触头熔焊和烧蚀严重', '长期运行温升偏高', '脱扣动作分散性大', '电寿命与国际一线品牌差距明显', '直流分断能力不足'],
    ipc: ['H01H 71/10', 'H01H 9/34', 'H01H 73/18', 'H01H 1/0237', 'H01H 50/02', 'H01H 83/14', 'H02H 3/08'],
    venues: ['电工技术学报', '电器与能效管理技术', '高电压技术', '中国电机工程学报'],
    designs: ['断路器', '交流接触器', '智能微型断路器'],
  },
  {
    key: 'smart-grid', field: '智能配电与电力物联网', kind: 'device', related: ['lv-apparatus', 'energy-storage', 'industrial-software'],
    objects: ['智能断路器', '配电物联网终端', '智能电能表', '故障电弧探测器', '台区智能融合终端', '开关柜在线监测系统', '电能质量治理装置'],
    methods: ['边缘计算', '宽带载波通信', '故障录波分析', '小波变换特征提取', '深度学习故障识别', '数字孪生建模'],
    properties: ['故障识别准确率', '通信可靠性', '计量精度', '状态感知能力', '供电可靠性'],
    applications: ['城乡配电网', '工业园区微电网', '智能楼宇', '光伏台区', '充电站配电'],
    issues: ['故障电弧误报率高', '台区拓扑识别困难', '通信丢包严重', '计量精度随温度漂移', '缺乏全生命周期状态监测'],
    ipc: ['H02J 13/00', 'G01R 31/08', 'G01R 22/06', 'H02B 13/065', 'H02J 3/00', 'G06Q 50/06'],
    venues: ['电力系统自动化', '电网技术', '电力系统保护与控制', '电测与仪表'],
    designs: ['智能电能表', '配电终端'],
  },
  {
    key: 'power-electronics', field: '电力电子与电机驱动', kind: 'device', related: ['energy-storage', 'vehicle-electronics', 'photovoltaic'],
    objects: ['光伏逆变器', '永磁同步电机', '电机控制器', '车载充电机', '双向DC-DC变换器', '碳化硅功率模块', '开关电源'],
    methods: ['模型预测控制', '无位置传感器矢量控制', '软开关拓扑设计', '电磁兼容仿真', '热管理设计', '宽禁带器件驱动技术'],
    properties: ['转换效率', '功率密度', '电磁兼容性能', '转矩脉动抑制能力', '散热性能'],
    applications: ['新能源汽车电驱系统', '光伏发电系统', '工业伺服驱动', '储能变流系统', '家用电器'],
    issues: ['高频工况下开关损耗大', '电磁干扰超标', '低速转矩脉动明显', '功率器件结温过高', '轻载效率偏低'],
    ipc: ['H02M 7/5387', 'H02M 1/32', 'H02M 3/335', 'H02P 21/00', 'H02P 6/18', 'H02K 1/27'],
    venues: ['中国电机工程学报', '电工技术学报', '电力电子技术', '电机与控制学报'],
  },
  {
    key: 'footwear', field: '鞋类设计与制造', kind: 'device', related: ['leather', 'polymer', 'robotics-automation'],
    objects: ['运动鞋底', '皮鞋鞋楦', '减震中底', '功能性鞋垫', '鞋面帮面', '防滑大底', '智能鞋垫', '鞋跟'],
    methods: ['三维足型扫描', '参数化鞋楦设计', '超临界发泡', '有限元足底压力分析', '自动化帮面胶粘', '3D打印'],
    properties: ['舒适性', '减震性能', '防滑性能', '耐磨性能', '轻量化水平', '透气性'],
    applications: ['专业运动鞋', '商务男鞋', '儿童健康鞋', '劳保安全鞋', '老年功能鞋'],
    issues: ['穿着舒适性差且易疲劳', '在湿滑路面上防滑性能不足', '回弹性能衰减快', '帮底胶粘剥离强度不稳定', '手工工序多导致一致性差'],
    ipc: ['A43B 13/04', 'A43B 13/18', 'A43B 7/14', 'A43D 1/02', 'B29D 35/12', 'A43B 3/34'],
    venues: ['皮革科学与工程', '中国皮革', '西部皮革', '纺织学报'],
    designs: ['运动鞋', '鞋底', '女鞋'],
  },
  {
    key: 'leather', field: '皮革化学与清洁生产', kind: 'material', related: ['footwear', 'polymer', 'textile-dyeing'],
    objects: ['无铬鞣剂', '水性聚氨酯涂饰剂', '超纤合成革', '植物鞣革', '皮革加脂剂', '生态合成革基布', '皮革涂层'],
    methods: ['无铬鞣制工艺', '水性化改性', '酶法脱毛', '纳米复合改性', '膜分离处理', '清洁化生产工艺'],
    properties: ['耐湿热稳定性', '柔软度', '耐黄变性能', '物理机械强度', '环保性能'],
    applications: ['鞋面革', '汽车内饰革', '箱包用革', '家具革', '服装革'],
    issues: ['铬含量超标难以满足出口要求', '收缩温度偏低', '耐折性差易开裂', '处理成本高', '有机溶剂残留超标'],
    ipc: ['C14C 3/08', 'C14C 3/06', 'C14C 11/00', 'C14C 9/00', 'D06N 3/14', 'C02F 9/00'],
    venues: ['皮革科学与工程', '中国皮革', '精细化工', '环境工程学报'],
  },
  {
    key: 'textile-dyeing', field: '纺织染整', kind: 'material', related: ['apparel-manufacturing', 'polymer', 'leather'],
    objects: ['涤纶织物', '活性染料', '功能性面料', '数码印花墨水', '棉针织物', '阻燃整理剂', '抗菌整理剂'],
    methods: ['超临界二氧化碳染色', '小浴比染色', '等离子体预处理', '微胶囊整理', '喷墨数码印花', '生物酶前处理'],
    properties: ['色牢度', '上染率', '匀染性', '耐洗性能', '吸湿排汗性能', '节水减排水平'],
    applications: ['高端男装面料', '户外运动服装', '童装', '家纺产品', '职业工装'],
    issues: ['染色色差大返修率高', '生产废水排放量大', '功能整理耐洗性差', '摩擦色牢度不达标', '能耗和水耗偏高'],
    ipc: ['D06P 1/94', 'D06P 5/30', 'D06P 1/38', 'D06M 15/564', 'D06M 23/12', 'D06M 11/83'],
    venues: ['纺织学报', '印染', '丝绸', '毛纺科技'],
  },
  {
    key: 'apparel-manufacturing', field: '服装设计与智能制造', kind: 'device', related: ['textile-dyeing', 'industrial-software', 'robotics-automation'],
    objects: ['服装吊挂生产线', '智能裁床', '三维虚拟试衣系统', '服装缝制单元', '自动模板缝纫机', '智能验布机', '个性化定制平台'],
    methods: ['三维人体测量', '参数化制版', '虚拟仿真', '精益生产排程', '机器视觉缝制检测', '大数据款式预测'],
    properties: ['版型合体度', '生产效率', '缝制质量稳定性', '定制交付效率', '面料利用率'],
    applications: ['男装高级定制', '快时尚女装', '职业工装', '童装', '运动服装'],
    issues: ['依赖老师傅经验难以复制', '小批量多品种换款效率低', '面料利用率偏低', '定制订单交付周期长', '质量检测依靠人工'],
    ipc: ['A41H 3/00', 'A41H 42/00', 'D05B 19/12', 'G06Q 50/04', 'G06T 17/00', 'A41D 13/00'],
    venues: ['纺织学报', '服装学报', '丝绸', '毛纺科技'],
    designs: ['西服', '衬衫', '童装'],
  },
  {
    key: 'auto-parts', field: '汽车零部件设计与制造', kind: 'device', related: ['vehicle-electronics', 'metal-surface', 'precision-machining'],
    objects: ['盘式制动器', '电子驻车制动器', '离合器从动盘', '制动卡钳', '转向节', '铝合金压铸件', '减震器', '车灯总成'],
    methods: ['有限元结构分析', '轻量化拓扑优化', '半固态压铸', '台架耐久试验', 'NVH仿真', '制动噪声模态分析'],
    properties: ['可靠性', '疲劳寿命', '轻量化水平', 'NVH性能', '尺寸精度'],
    applications: ['新能源乘用车', '商用车', '摩托车', '电动两轮车', '汽车售后市场'],
    issues: ['异响和抖动问题突出', '气孔缺陷导致良率偏低', '在高温工况下性能衰退', '疲劳寿命不足', '轻量化后刚度下降'],
    ipc: ['F16D 65/12', 'F16D 55/22', 'B60T 13/74', 'F16D 13/64', 'B22D 17/00', 'B60R 16/02', 'F16F 9/32'],
    venues: ['汽车工程', '机械工程学报', '汽车技术', '摩擦学学报'],
  },
  {
    key: 'vehicle-electronics', field: '汽车电子与智能网联', kind: 'software', related: ['auto-parts', 'ai-vision', 'power-electronics'],
    objects: ['车身控制器', '毫米波雷达', '胎压监测系统', '电池管理系统', '车载网关', '高级驾驶辅助系统', '电子制动控制单元'],
    methods: ['多传感器融合', '卡尔曼滤波', 'CAN FD总线通信', '功能安全分析', '硬件在环测试', '深度学习目标检测'],
    properties: ['检测精度', '实时性', '功能安全等级', '抗干扰能力', '系统可靠性'],
    applications: ['智能网联汽车', '新能源商用车', '电动两轮车', '低速无人配送车', '汽车后装市场'],
    issues: ['在复杂天气下误报率高', '总线负载率高导致通信延时', '功能安全开发流程不规范', '电磁兼容测试难以一次通过', '核心芯片依赖进口'],
    ipc: ['B60R 16/023', 'B60W 30/09', 'G01S 13/931', 'B60L 58/12', 'B60C 23/04', 'G07C 5/08'],
    venues: ['汽车工程', '汽车技术', '电子测量与仪器学报', '仪器仪表学报'],
  },
  {
    key: 'fluid-valves', field: '流体机械与阀门', kind: 'device', related: ['precision-machining', 'metal-surface', 'industrial-software'],
    objects: ['高压球阀', '三偏心蝶阀', '调节阀', '安全阀', '离心泵', '磁力驱动泵', '阀门密封副', '电动执行机构'],
    methods: ['计算流体动力学仿真', '流固耦合分析', '硬密封堆焊', '空化特性试验', '智能定位控制', '可靠性试验'],
    properties: ['密封性能', '流量调节精度', '抗汽蚀性能', '使用寿命', '运行效率'],
    applications: ['石油化工管道', 'LNG接收站', '核电站辅助系统', '城市供水管网', '氢能输运系统'],
    issues: ['在高温高压工况下密封泄漏', '启闭扭矩偏大', '运行时汽蚀和振动明显', '流量特性偏离设计值', '密封面磨损快寿命短'],
    ipc: ['F16K 5/06', 'F16K 1/22', 'F16K 17/04', 'F16K 31/04', 'F16K 37/00', 'F04D 29/22', 'F04D 29/66'],
    venues: ['流体机械', '排灌机械工程学报', '阀门', '机械工程学报'],
  },
  {
    key: 'li-battery', field: '锂离子电池', kind: 'material', related: ['energy-storage', 'photovoltaic', 'polymer'],
    objects: ['高镍三元正极材料', '磷酸铁锂正极', '硅碳负极材料', '固态电解质', '电解液添加剂', '复合隔膜', '钠离子电池正极材料'],
    methods: ['表面包覆改性', '元素掺杂', '喷雾干燥造粒', '原位聚合', '第一性原理计算', '原位表征'],
    properties: ['循环寿命', '倍率性能', '能量密度', '热稳定性', '低温性能', '首次库仑效率'],
    applications: ['新能源汽车动力电池', '电动两轮车电池', '储能电站', '消费电子电池', '电动工具'],
    issues: ['高温循环容量衰减快', '低温放电容量保持率低', '存在热失控安全隐患', '首次效率偏低', '压实密度不足'],
    ipc: ['H01M 4/525', 'H01M 4/36', 'H01M 4/386', 'H01M 10/0562', 'H01M 10/0567', 'H01M 50/403', 'H01M 10/0525'],
    venues: ['储能科学与技术', '电化学', '电源技术', '无机材料学报'],
  },
  {
    key: 'photovoltaic', field: '光伏材料与器件', kind: 'material', related: ['power-electronics', 'energy-storage', 'polymer'],
    objects: ['钙钛矿太阳能电池', 'TOPCon电池', '异质结电池', '光伏组件封装胶膜', '光伏背板', '减反射涂层', '光伏焊带'],
    methods: ['界面钝化', '溶液法成膜', '原子层沉积', '激光掺杂', '叠层结构设计', '加速老化试验'],
    properties: ['光电转换效率', '长期稳定性', '抗PID性能', '耐候性', '发电增益'],
    applications: ['分布式屋顶光伏', '光伏建筑一体化', '渔光互补电站', '海上光伏', '农光互补电站'],
    issues: ['湿热老化后功率衰减大', '大面积制备均匀性差', '长期使用后黄变', '隐裂率高', '在高盐雾环境下腐蚀严重'],
    ipc: ['H01L 31/18', 'H01L 31/0216', 'H01L 31/048', 'H10K 30/00', 'H02S 40/32', 'C09J 123/08'],
    venues: ['太阳能学报', '物理学报', '可再生能源', '材料导报'],
  },
  {
    key: 'energy-storage', field: '储能系统与电池管理', kind: 'device', related: ['li-battery', 'power-electronics', 'smart-grid'],
    objects: ['电池管理系统', '储能变流器', '液冷储能柜', '电池簇均衡电路', '储能能量管理系统', '户用储能系统'],
    methods: ['荷电状态估计', '健康状态预测', '主动均衡控制', '热管理仿真', '模型预测控制', '数据驱动寿命建模'],
    properties: ['荷电状态估计精度', '系统循环效率', '温度一致性', '安全预警能力', '循环寿命'],
    applications: ['工商业储能', '电网侧储能电站', '户用光储系统', '通信基站备电', '充换电站'],
    issues: ['电池簇间不一致导致可用容量下降', '荷电状态估计误差大', '热失控早期预警能力不足', '温差控制不理想', '运维成本高'],
    ipc: ['H02J 7/00', 'H02J 3/32', 'H01M 10/48', 'H01M 10/613', 'G01R 31/367', 'G01R 31/392'],
    venues: ['储能科学与技术', '电力系统自动化', '电源技术', '电网技术'],
  },
  {
    key: 'polymer', field: '高分子材料', kind: 'material', related: ['leather', 'li-battery', 'printing-packaging'],
    objects: ['改性聚丙烯', '阻燃聚碳酸酯', '热塑性聚氨酯弹性体', '生物基可降解材料', '聚氨酯合成革树脂', '导热绝缘复合材料', '工程塑料合金'],
    methods: ['反应挤出', '原位聚合', '纳米填料复合', '动态硫化', '分子结构设计', '无卤阻燃改性'],
    properties: ['阻燃性能', '力学性能', '耐热性', '耐老化性能', '加工流动性', '降解性能'],
    applications: ['低压电器外壳', '汽车内饰件', '鞋底材料', '电子电器外壳', '食品包装'],
    issues: ['添加阻燃剂后力学性能下降明显', '注塑件翘曲变形', '在户外使用时易老化变色', '回收料性能波动大', '无卤阻燃成本偏高'],
    ipc: ['C08L 23/12', 'C08L 69/00', 'C08L 75/04', 'C08K 5/5313', 'C08G 18/48', 'C08J 5/18', 'B29C 45/00'],
    venues: ['高分子材料科学与工程', '塑料', '工程塑料应用', '高分子学报'],
  },
  {
    key: 'metal-surface', field: '金属材料与表面工程', kind: 'material', related: ['lv-apparatus', 'fluid-valves', 'eyewear-optics'],
    objects: ['铜合金触头材料', '银氧化锡触头', '不锈钢阀体', '铝合金压铸件', '耐磨涂层', '电镀镍层', '钛合金'],
    methods: ['物理气相沉积', '激光熔覆', '粉末冶金', '微弧氧化', '无氰电镀', '热处理工艺优化'],
    properties: ['耐腐蚀性能', '耐磨性', '导电性', '结合强度', '硬度'],
    applications: ['低压电器触头', '阀门密封面', '汽车零部件', '眼镜架', '五金卫浴'],
    issues: ['结合力不足易起皮', '盐雾试验耐蚀时间不达标', '抗熔焊性差', '热处理变形大', '含重金属废水处理压力大'],
    ipc: ['C23C 14/06', 'C23C 24/10', 'C25D 3/12', 'C25D 11/02', 'C22C 9/00', 'C22C 5/06', 'B22F 3/10'],
    venues: ['表面技术', '材料保护', '中国有色金属学报', '材料热处理学报'],
  },
  {
    key: 'industrial-software', field: '工业软件与工业互联网', kind: 'software', related: ['ai-vision', 'robotics-automation', 'smart-grid'],
    objects: ['制造执行系统', '工业互联网平台', '生产排程系统', '设备预测性维护系统', '数字孪生车间', '质量追溯系统', '供应链协同平台'],
    methods: ['数字孪生', '知识图谱', '强化学习调度', '边缘计算', '微服务架构', '时序数据分析'],
    properties: ['排产效率', '设备综合效率', '数据采集实时性', '系统可扩展性', '追溯准确率'],
    applications: ['低压电器装配车间', '鞋服柔性生产线', '泵阀离散制造', '汽配生产车间', '中小企业数字化改造'],
    issues: ['难以应对多品种小批量订单排产', '设备数据采集协议不统一', '数据孤岛严重', '质量问题难以追溯到工序', '部署和运维成本高'],
    ipc: ['G05B 19/418', 'G06Q 10/06', 'G06Q 50/04', 'G06F 30/20', 'H04L 67/12', 'G06F 16/25'],
    venues: ['计算机集成制造系统', '计算机工程与应用', '中国机械工程', '软件学报'],
  },
  {
    key: 'ai-vision', field: '人工智能与机器视觉', kind: 'software', related: ['industrial-software', 'robotics-automation', 'vehicle-electronics'],
    objects: ['表面缺陷检测系统', '目标检测模型', '工业视觉定位系统', '行业大模型', '图像分割算法', '异常检测模型', '智能质检平台'],
    methods: ['深度卷积神经网络', '小样本学习', '自监督预训练', '模型轻量化', '迁移学习', '多模态融合'],
    properties: ['检测准确率', '推理速度', '泛化能力', '漏检率控制水平', '部署效率'],
    applications: ['低压电器外观质检', '鞋面缺陷检测', '眼镜镜片质检', '印刷品质量检测', '汽配尺寸检测'],
    issues: ['缺陷样本少导致难以训练', '人工目检漏检率高', '换型后需重新标注训练', '边缘设备算力不足', '在反光表面上成像质量差'],
    ipc: ['G06T 7/0004', 'G06N 3/08', 'G06N 3/045', 'G06V 10/82', 'G06F 18/24', 'G06N 20/00'],
    venues: ['计算机学报', '自动化学报', '中国图象图形学报', '软件学报'],
  },
  {
    key: 'medical-devices', field: '医疗器械', kind: 'device', related: ['biopharma', 'polymer', 'eyewear-optics'],
    objects: ['一次性使用输液器', '医用导管', '可吸收缝合线', '医用敷料', '微创手术器械', '可穿戴监测设备', '骨科植入物'],
    methods: ['生物相容性评价', '表面亲水改性', '精密注塑成型', '有限元力学分析', '柔性传感技术', '医工交叉设计'],
    properties: ['生物相容性', '抗菌性能', '力学强度', '检测精度', '使用安全性'],
    applications: ['临床护理', '微创外科手术', '慢病居家监测', '康复治疗', '基层医疗机构'],
    issues: ['表面易形成血栓和感染', '注册检验周期长', '关键原材料依赖进口', '信号易受运动干扰', '灭菌后材料性能下降'],
    ipc: ['A61M 25/00', 'A61B 5/00', 'A61B 17/34', 'A61L 27/54', 'A61L 15/42', 'A61F 13/00', 'A61L 29/08'],
    venues: ['中国医疗器械杂志', '生物医学工程学杂志', '中国生物医学工程学报', '中国组织工程研究'],
    designs: ['输液器', '监护仪'],
  },
  {
    key: 'biopharma', field: '生物医药', kind: 'bio', related: ['medical-devices', 'polymer'],
    objects: ['体外诊断试剂', '单克隆抗体', '中药提取物', '纳米药物递送系统', '多肽药物', '微生态制剂', '原料药'],
    methods: ['高通量筛选', '基因工程表达', '纳米载体包封', '发酵工艺优化', '质谱分析', '分子对接'],
    properties: ['检测灵敏度', '药物稳定性', '生物利用度', '纯度', '生产收率'],
    applications: ['肿瘤早期诊断', '眼科疾病治疗', '慢性炎症治疗', '代谢性疾病治疗', '动物疫病防控'],
    issues: ['灵敏度和特异性不足', '稳定性差保质期短', '收率低成本高', '杂质控制难以满足注册要求', '放大生产工艺不稳定'],
    ipc: ['A61K 9/51', 'A61K 36/00', 'G01N 33/574', 'C12N 15/70', 'A61P 35/00', 'A61P 27/02', 'C12P 21/02'],
    venues: ['药学学报', '中国药学杂志', '中国生物工程杂志', '中国现代应用药学'],
  },
  {
    key: 'robotics-automation', field: '机器人与智能制造装备', kind: 'device', related: ['precision-machining', 'ai-vision', 'industrial-software'],
    objects: ['工业机器人', '协作机器人', '自动化装配线', '包装机械', '注塑机械手', '视觉引导分拣系统', '柔性夹爪'],
    methods: ['运动学标定', '轨迹规划', '力位混合控制', '视觉伺服', '模块化设计', '离散事件仿真'],
    properties: ['定位精度', '节拍效率', '运行稳定性', '柔性换型能力', '人机协作安全性'],
    applications: ['低压电器自动装配', '鞋服自动化生产', '制药包装', '汽配焊接', '食品包装'],
    issues: ['人工装配效率低且一致性差', '换型调试时间长', '重复定位精度不足', '难以自动抓取柔性零件', '故障率高停机损失大'],
    ipc: ['B25J 9/16', 'B25J 15/00', 'B25J 19/02', 'B23P 19/00', 'B65B 57/00', 'G05B 19/418'],
    venues: ['机器人', '机械工程学报', '中国机械工程', '计算机集成制造系统'],
  },
  {
    key: 'precision-machining', field: '精密加工与数控技术', kind: 'device', related: ['robotics-automation', 'fluid-valves', 'auto-parts'],
    objects: ['数控机床', '精密冲压模具', '注塑模具', '五轴加工中心', '激光切割设备', '精密磨床', '硬质合金刀具'],
    methods: ['误差补偿', '切削参数优化', '模流分析', '在线测量', '热变形控制', '超声辅助加工'],
    properties: ['加工精度', '表面质量', '模具寿命', '加工效率', '精度保持性'],
    applications: ['泵阀阀体加工', '汽配零件加工', '低压电器零件冲压', '眼镜零件加工', '医疗器械零件加工'],
    issues: ['加工精度一致性差', '寿命短需频繁修模', '加工难加工材料时刀具磨损快', '热变形导致尺寸超差', '工艺参数依赖经验'],
    ipc: ['B23Q 15/00', 'B23Q 17/20', 'G05B 19/404', 'B21D 37/10', 'B29C 45/26', 'B24B 1/00', 'B23K 26/38'],
    venues: ['机械工程学报', '中国机械工程', '工具技术', '模具工业'],
  },
  {
    key: 'eyewear-optics', field: '眼视光与眼镜材料', kind: 'device', related: ['metal-surface', 'medical-devices', 'polymer'],
    objects: ['钛合金眼镜架', '板材眼镜架', '近视防控镜片', '防蓝光树脂镜片', '智能眼镜', '角膜塑形镜', '眼镜铰链'],
    methods: ['光学自由曲面设计', '精密注塑成型', '周边离焦设计', '真空镀膜', '激光焊接', '临床随机对照试验'],
    properties: ['光学性能', '佩戴舒适性', '近视防控效果', '耐腐蚀性能', '轻量化水平'],
    applications: ['青少年近视防控', '老视矫正', '运动防护眼镜', '智能穿戴', '高端时尚眼镜'],
    issues: ['焊点强度不足易断裂', '膜层附着力差易脱膜', '防控效果个体差异大', '耐汗腐蚀性能不足', '重量和续航难以兼顾'],
    ipc: ['G02C 5/00', 'G02C 5/22', 'G02C 7/02', 'G02C 7/06', 'G02C 7/10', 'B29D 11/00', 'A61B 3/103'],
    venues: ['中华眼视光学与视觉科学杂志', '光学精密工程', '光学学报', '眼科新进展'],
    designs: ['眼镜架', '太阳镜', '眼镜'],
  },
  {
    key: 'printing-packaging', field: '印刷包装', kind: 'material', related: ['polymer', 'ai-vision'],
    objects: ['水性油墨', '纸塑复合包装材料', '可降解包装材料', '瓦楞纸板', '不干胶标签材料', '烫金膜', '防伪印刷油墨'],
    methods: ['水性化改性', '柔性版印刷', '数字喷墨印刷', '结构优化设计', '色彩管理', '无溶剂复合'],
    properties: ['印刷适性', '阻隔性能', '抗压强度', '色彩还原度', '环保性能'],
    applications: ['食品包装', '电商物流包装', '医药包装', '化妆品包装', '烟酒礼盒'],
    issues: ['VOCs排放难以达标', '套印偏差导致废品率高', '阻隔性能不足', '在潮湿环境下抗压强度下降', '小批量订单印前准备时间长'],
    ipc: ['C09D 11/102', 'B41F 33/00', 'B41M 5/00', 'B65D 65/46', 'B65D 81/38', 'B31B 50/00', 'B32B 27/10'],
    venues: ['包装工程', '中国印刷与包装研究', '数字印刷', '中国造纸学报'],
  },
];

export const DOMAINS_BY_KEY: ReadonlyMap<string, ResearchDomain> = new Map(RESEARCH_DOMAINS.map((d) => [d.key, d]));

export function getDomain(key: string): ResearchDomain {
  const d = DOMAINS_BY_KEY.get(key);
  if (!d) throw new RangeError(`unknown research domain: ${key}`);
  return d;
}

/** How often each field is an expert's main field: universities around Wenzhou are strong in materials, AI and medicine. */
export const EXPERT_DOMAIN_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['lv-apparatus', 7], ['smart-grid', 4], ['power-electronics', 4], ['footwear', 3], ['leather', 2], ['textile-dyeing', 3],
  ['apparel-manufacturing', 3], ['auto-parts', 5], ['vehicle-electronics', 4], ['fluid-valves', 4], ['li-battery', 6],
  ['photovoltaic', 3], ['energy-storage', 4], ['polymer', 6], ['metal-surface', 4], ['industrial-software', 6], ['ai-vision', 7],
  ['medical-devices', 6], ['biopharma', 7], ['robotics-automation', 6], ['precision-machining', 4], ['eyewear-optics', 4],
  ['printing-packaging', 2],
];
