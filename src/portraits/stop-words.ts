// Words that carry no topic in research and patent titles: dropping them keeps keywords about the subject
// ("锂离子", "热失控") instead of the genre ("研究", "基于", "及其应用").
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // function words
  '的', '了', '和', '与', '及', '及其', '或', '在', '对', '于', '中', '等', '其', '为', '以', '由', '从', '把', '被', '并', '且',
  '是', '有', '这', '那', '之', '个', '上', '下', '内', '间', '将', '而', '又', '也', '一种', '一个', '一类', '各种', '若干',
  '通过', '利用', '采用', '使用', '进行', '实现', '具有', '以及', '其中', '所述', '包括', '用于', '一', '两', '三',
  // research-genre words
  '研究', '基于', '应用', '方法', '技术', '分析', '探索', '探讨', '关键', '关键技术', '问题', '机制', '机理', '影响',
  '作用', '理论', '实证', '策略', '模式', '路径', '视角', '视域', '背景', '条件', '因素', '效应', '效果', '评价', '体系',
  '构建', '设计', '开发', '研制', '制备', '装置', '系统', '产品', '项目', '课题', '面向', '新型', '新', '高', '低',
  '提高', '提升', '优化', '改进', '发展', '建设', '示范', '推广', '产业化', '工程', '以及其', '相关', '方面', '领域',
  '研究进展', '进展', '综述', '若干问题', '我国', '中国', '国家', '地区', '过程', '特性', '性能', '规律', '调控', '检测', '测定', '实验', '试验', '基础',
]);

/** Punctuation, digits-only and Latin single letters are never keywords. */
export function isNoiseToken(token: string): boolean {
  if (token.length < 2) return true;
  if (STOP_WORDS.has(token)) return true;
  if (/^[\d.,%\-+/:：\s]+$/.test(token)) return true;
  return !/[\p{Script=Han}A-Za-z]/u.test(token);
}
