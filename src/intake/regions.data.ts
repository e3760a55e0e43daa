// Administrative divisions (GB/T 2260 codes) of the jurisdictions named in the five policy documents:
// Hubei/Wuhan (鄂经信科技〔2020〕73号, Wuhan 2023 notice), Xinxiang (新科〔2025〕12号), Liaocheng (2025 draft)
// and Wenzhou (2025 plan). A jurisdiction rule ("registered in Wenzhou") is a code-prefix test on these.
export type RegionSeed = { code: string; name: string; level: 'province' | 'city' | 'county'; parentCode: string | null };

const province = (code: string, name: string): RegionSeed => ({ code, name, level: 'province', parentCode: null });
const city = (code: string, name: string, parent: string): RegionSeed => ({ code, name, level: 'city', parentCode: parent });
const counties = (parent: string, list: Array<[string, string]>): RegionSeed[] => list.map(([code, name]) => ({ code, name, level: 'county', parentCode: parent }));

export const REGIONS: RegionSeed[] = [
  province('330000', '浙江省'),
  city('330300', '温州市', '330000'),
  ...counties('330300', [
    ['330302', '鹿城区'],
    ['330303', '龙湾区'],
    ['330304', '瓯海区'],
    ['330305', '洞头区'],
    ['330324', '永嘉县'],
    ['330326', '平阳县'],
    ['330327', '苍南县'],
    ['330328', '文成县'],
    ['330329', '泰顺县'],
    ['330381', '瑞安市'],
    ['330382', '乐清市'],
    ['330383', '龙港市'],
  ]),
  city('330100', '杭州市', '330000'),
  city('330200', '宁波市', '330000'),
  province('420000', '湖北省'),
  city('420100', '武汉市', '420000'),
  ...counties('420100', [
    ['420102', '江岸区'],
    ['420103', '江汉区'],
    ['420104', '硚口区'],
    ['420105', '汉阳区'],
    ['420106', '武昌区'],
    ['420107', '青山区'],
    ['420111', '洪山区'],
    ['420112', '东西湖区'],
    ['420113', '汉南区'],
    ['420114', '蔡甸区'],
    ['420115', '江夏区'],
    ['420116', '黄陂区'],
    ['420117', '新洲区'],
  ]),
  city('420500', '宜昌市', '420000'),
  city('420600', '襄阳市', '420000'),
  province('410000', '河南省'),
  city('410700', '新乡市', '410000'),
  ...counties('410700', [
    ['410702', '红旗区'],
    ['410703', '卫滨区'],
    ['410704', '凤泉区'],
    ['410711', '牧野区'],
    ['410721', '新乡县'],
    ['410724', '获嘉县'],
    ['410725', '原阳县'],
    ['410726', '延津县'],
    ['410727', '封丘县'],
    ['410781', '卫辉市'],
    ['410782', '辉县市'],
    ['410783', '长垣市'],
  ]),
  province('370000', '山东省'),
  city('371500', '聊城市', '370000'),
  ...counties('371500', [
    ['371502', '东昌府区'],
    ['371503', '茌平区'],
    ['371521', '阳谷县'],
    ['371522', '莘县'],
    ['371524', '东阿县'],
    ['371525', '冠县'],
    ['371526', '高唐县'],
    ['371581', '临清市'],
  ]),
  province('310000', '上海市'),
  province('320000', '江苏省'),
  city('320100', '南京市', '320000'),
  province('110000', '北京市'),
];

/** True when `code` lies inside `jurisdiction` (same code, or a child by the 2/4-digit prefix rules of GB/T 2260). */
export function isWithinRegion(code: string, jurisdiction: string): boolean {
  if (code === jurisdiction) return true;
  if (jurisdiction.endsWith('0000')) return code.startsWith(jurisdiction.slice(0, 2));
  if (jurisdiction.endsWith('00')) return code.startsWith(jurisdiction.slice(0, 4));
  return false;
}
