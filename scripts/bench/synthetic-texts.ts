// Deterministic Chinese technical texts of mixed length (titles to abstract-sized paragraphs), so the embed
// bench needs no data set: what matters for throughput is the token-length mix, not the meaning.
const SUBJECTS = [
  '锂离子电池正极材料',
  '固态电解质',
  '动力电池热管理',
  '永磁同步电机',
  '数控机床主轴',
  '工业机器人视觉',
  '印染废水',
  '活性染料染色',
  '聚氨酯合成革',
  '低压断路器',
  '泵阀密封件',
  '精密注塑模具',
  '激光焊接接头',
  '碳纤维复合材料',
  '光伏组件封装',
  '智能电网调度',
  '工业互联网平台',
  '医疗器械涂层',
  '食品冷链物流',
  '眼镜镜片镀膜',
];
const ACTIONS = ['失效机理', '工艺优化', '在线检测', '寿命预测', '结构设计', '智能控制', '质量追溯', '节能降耗', '表面改性', '故障诊断'];
const METHODS = ['深度学习', '有限元仿真', '数字孪生', '响应面法', '多目标优化', '机器视觉', '原位表征', '知识图谱'];
const SENTENCES = [
  '针对企业生产过程中存在的关键共性技术难题，',
  '建立了多物理场耦合模型并开展实验验证，',
  '开发出具有自主知识产权的成套装备，',
  '显著降低了能耗和生产成本，',
  '产品良率由百分之九十提高到百分之九十八，',
  '相关成果已在温州多家企业推广应用，',
  '形成了从材料设计到工程化制造的完整技术链条，',
  '揭示了微观结构演化与宏观性能之间的内在联系，',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Half titles (≈ 15–25 characters), half abstracts of 1–6 sentences (≈ 40–200 characters). */
export function syntheticTexts(n: number, seed = 1): string[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const title = `基于${pick(METHODS)}的${pick(SUBJECTS)}${pick(ACTIONS)}研究`;
    if (i % 2 === 0) return title;
    const sentences = 1 + Math.floor(r() * 6);
    return `${title}。${Array.from({ length: sentences }, () => pick(SENTENCES)).join('')}${pick(SUBJECTS)}${pick(ACTIONS)}取得突破。`;
  });
}
