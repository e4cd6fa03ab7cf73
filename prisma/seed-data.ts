/**
 * Demo data drawn from the 2021 government work report of Linzi District (临淄区2021年政府工作报告):
 * its congress session, its towns and streets as delegations, and a candidate slate made
 * of the report's own 2021 livelihood commitments. Budgets are illustrative figures.
 * Delegate names are synthetic.
 */

export const CONGRESS_NAME = "淄博市临淄区人民代表大会";
export const SESSION_NAME = "临淄区第十八届人民代表大会第五次会议";
export const SESSION_YEAR = 2021;
export const SESSION_STARTS_ON = "2021-01-13";

/** Delegations and their seat counts (280 delegates in all). */
export const DELEGATIONS: ReadonlyArray<{ name: string; seats: number }> = [
  { name: "辛店街道", seats: 30 },
  { name: "稷下街道", seats: 28 },
  { name: "闻韶街道", seats: 26 },
  { name: "雪宫街道", seats: 24 },
  { name: "齐陵街道", seats: 24 },
  { name: "金山镇", seats: 22 },
  { name: "皇城镇", seats: 24 },
  { name: "敬仲镇", seats: 22 },
  { name: "朱台镇", seats: 22 },
  { name: "凤凰镇", seats: 22 },
  { name: "金岭回族镇", seats: 20 },
  { name: "驻区部队", seats: 16 },
];

export const DEMO_DELEGATE_PIN = "202101";
export const DEMO_STAFF_PASSWORD = "Linzi-2021";

export const DEPARTMENTS = [
  { key: "zhujian", name: "区住房和城乡建设局" },
  { key: "jiaotong", name: "区交通运输局" },
  { key: "shuili", name: "区水利局" },
  { key: "jiaoyu", name: "区教育和体育局" },
  { key: "minzheng", name: "区民政局" },
  { key: "weijian", name: "区卫生健康局" },
  { key: "wenlv", name: "区文化和旅游局" },
  { key: "fagai", name: "区发展和改革局" },
  { key: "chengguan", name: "区城市管理局" },
  { key: "nongye", name: "区农业农村局" },
] as const;

export type DepartmentKey = (typeof DEPARTMENTS)[number]["key"];

export const STAFF: ReadonlyArray<{
  username: string;
  displayName: string;
  role: "ADMIN" | "SECRETARIAT" | "CLERK" | "DEPARTMENT";
  department?: DepartmentKey;
}> = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN" },
  { username: "mishu", displayName: "大会秘书处 王静", role: "SECRETARIAT" },
  { username: "jipiao1", displayName: "计票员 李明", role: "CLERK" },
  { username: "jipiao2", displayName: "计票员 赵敏", role: "CLERK" },
  ...DEPARTMENTS.map((d) => ({ username: `dept-${d.key}`, displayName: d.name, role: "DEPARTMENT" as const, department: d.key })),
];

export interface CandidateSeed {
  title: string;
  category: string;
  summary: string;
  department: DepartmentKey;
  budgetWan: string;
  location: string;
  targets: string;
  deadline: string;
}

/** The twelve projects the report says were put to the delegates, then three more for a 差额 demo slate. */
export const CANDIDATES: readonly CandidateSeed[] = [
  {
    title: "新建保障性住房 1021 套",
    category: "住房保障",
    summary: "新建保障性住房 1021 套，解决城镇中低收入家庭和新就业职工住房困难。",
    department: "zhujian",
    budgetWan: "28600.00",
    location: "辛店街道、稷下街道",
    targets: "年内开工 1021 套，主体完工率 100%",
    deadline: "2021-12-31",
  },
  {
    title: "退役军人和 60 周岁以上老年人免费乘坐城市公交",
    category: "交通出行",
    summary: "退役军人、60 周岁以上老年人凭证免费乘坐区内城市公交。",
    department: "jiaotong",
    budgetWan: "1200.00",
    location: "全区",
    targets: "全区城市公交线路全覆盖，办卡点覆盖各镇街",
    deadline: "2021-06-30",
  },
  {
    title: "农村自来水“户户通”",
    category: "城乡供水",
    summary: "实施城乡供水管网改造，实现农村自来水“户户通”全覆盖，保障居民饮水安全。",
    department: "shuili",
    budgetWan: "9800.00",
    location: "各镇农村地区",
    targets: "农村自来水入户率 100%，水质达标率 100%",
    deadline: "2021-11-30",
  },
  {
    title: "新建幼儿园 3 所",
    category: "教育",
    summary: "新建公办幼儿园 3 所，增加普惠性学前教育学位。",
    department: "jiaoyu",
    budgetWan: "5400.00",
    location: "稷下街道、闻韶街道、凤凰镇",
    targets: "新增学位 1080 个，9 月前具备招生条件",
    deadline: "2021-08-31",
  },
  {
    title: "改造皇城敬老院，新建 15 处农村幸福院和社区日间照料中心",
    category: "养老服务",
    summary: "改造皇城敬老院，新建 15 处农村幸福院和社区日间照料中心，建设社区长者食堂。",
    department: "minzheng",
    budgetWan: "3600.00",
    location: "皇城镇及各镇街",
    targets: "新建幸福院和日间照料中心 15 处，长者食堂 10 处",
    deadline: "2021-12-31",
  },
  {
    title: "7 处镇卫生院改扩建和 80 处中心村卫生室标准化提升",
    category: "医疗卫生",
    summary: "实施 7 处镇卫生院改扩建和 80 处中心村卫生室标准化提升，完善区、镇、村三级医疗服务体系。",
    department: "weijian",
    budgetWan: "6500.00",
    location: "各镇",
    targets: "镇卫生院改扩建 7 处，村卫生室标准化 80 处",
    deadline: "2021-12-31",
  },
  {
    title: "新建 30 处综合性文化服务中心和 20 处“阅读吧”",
    category: "文化惠民",
    summary: "深入实施文化惠民工程，新建 30 处综合性文化服务中心、20 处“阅读吧”，建设“书香临淄”。",
    department: "wenlv",
    budgetWan: "1500.00",
    location: "全区",
    targets: "文化服务中心 30 处，阅读吧 20 处",
    deadline: "2021-10-31",
  },
  {
    title: "新建 150 座电动汽车充电桩",
    category: "新型基础设施",
    summary: "在城区公共停车场、居住小区和镇驻地新建 150 座充电桩。",
    department: "fagai",
    budgetWan: "900.00",
    location: "城区及各镇驻地",
    targets: "新建充电桩 150 座，全部接入公共服务平台",
    deadline: "2021-09-30",
  },
  {
    title: "城区雨污分流改造 10 公里",
    category: "城市建设",
    summary: "改造城区雨污合流管网，新建雨污分流管网 10 公里，减少汛期内涝和污水溢流。",
    department: "chengguan",
    budgetWan: "4200.00",
    location: "辛店街道、闻韶街道",
    targets: "新建雨污分流管网 10 公里",
    deadline: "2021-10-31",
  },
  {
    title: "实施 13 条城区道路改造",
    category: "城市建设",
    summary: "实施 13 条城区道路改造，打通学府路、天齐路。",
    department: "zhujian",
    budgetWan: "15800.00",
    location: "城区",
    targets: "改造道路 13 条，打通学府路、天齐路",
    deadline: "2021-12-31",
  },
  {
    title: "棚户区和老旧小区改造",
    category: "住房保障",
    summary: "新启动 3 个棚户区改造项目，实施裕丰花园、勇士东等 4 个老旧小区改造。",
    department: "zhujian",
    budgetWan: "12600.00",
    location: "辛店街道、雪宫街道",
    targets: "启动棚户区改造 3 个，完成老旧小区改造 4 个",
    deadline: "2021-12-31",
  },
  {
    title: "农村生活污水治理和道路“户户通”提升",
    category: "乡村振兴",
    summary: "加强村容村貌整治，实施道路“户户通”提升工程，40% 以上的村实现生活污水有效处理。",
    department: "nongye",
    budgetWan: "7300.00",
    location: "各镇农村地区",
    targets: "40% 以上的村生活污水有效处理，道路户户通提升 100 个村",
    deadline: "2021-12-31",
  },
  {
    title: "齐陵一中、现代双语学校扩建",
    category: "教育",
    summary: "完成齐陵一中、现代双语学校扩建，缓解城区学位紧张。",
    department: "jiaoyu",
    budgetWan: "8600.00",
    location: "齐陵街道、稷下街道",
    targets: "新增校舍 3.2 万平方米，9 月投入使用",
    deadline: "2021-08-31",
  },
  {
    title: "改造区精神卫生中心",
    category: "医疗卫生",
    summary: "改造区精神卫生中心病房楼和康复设施。",
    department: "weijian",
    budgetWan: "2300.00",
    location: "辛店街道",
    targets: "改造病房楼 1 栋，新增床位 80 张",
    deadline: "2021-12-31",
  },
  {
    title: "农村旱厕改造维护",
    category: "乡村振兴",
    summary: "开展农村旱厕改造后续维护，建立管护长效机制。",
    department: "nongye",
    budgetWan: "1100.00",
    location: "各镇农村地区",
    targets: "改厕维护覆盖 100% 的已改户",
    deadline: "2021-11-30",
  },
];

/** Resident suggestions from the 征集 stage, linked to the candidate (by index) they became part of. */
export const SUGGESTIONS: ReadonlyArray<{ title: string; description: string; category: string; location: string; candidate: number }> = [
  {
    title: "建议增加保障性住房房源",
    description: "新就业的年轻人租房贵，希望多建一些保障房。",
    category: "住房保障",
    location: "辛店街道",
    candidate: 0,
  },
  {
    title: "老年人坐公交希望免费",
    description: "村里老人进城看病，公交费用是负担，建议老年人免费乘车。",
    category: "交通出行",
    location: "朱台镇",
    candidate: 1,
  },
  {
    title: "村里自来水经常停水",
    description: "我们村还用自备井，水质不好，希望接通城乡供水。",
    category: "城乡供水",
    location: "金岭回族镇",
    candidate: 2,
  },
  {
    title: "小区附近缺少公办幼儿园",
    description: "孩子上幼儿园要跑很远，建议就近新建公办园。",
    category: "教育",
    location: "稷下街道",
    candidate: 3,
  },
  {
    title: "村里需要老年食堂",
    description: "子女在外打工，老人吃饭不方便，建议办长者食堂。",
    category: "养老服务",
    location: "皇城镇",
    candidate: 4,
  },
  { title: "村卫生室条件差", description: "卫生室面积小、设备旧，希望改造提升。", category: "医疗卫生", location: "敬仲镇", candidate: 5 },
];

const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const GIVEN = "建国秀英志强桂兰海燕明华丽娟文军玉梅国庆红霞德胜淑珍晓东春梅永刚凤英立新慧敏振华雪梅光明桂芳宏伟金凤学军素芬";

/** A synthetic, deterministic name for delegate number i (0-based). */
export function delegateName(i: number): string {
  const surname = SURNAMES[(i * 7) % SURNAMES.length]!;
  const pairs = GIVEN.length / 2;
  const g = (i * 11 + Math.floor(i / SURNAMES.length)) % pairs;
  return surname + GIVEN.slice(g * 2, g * 2 + 2);
}

/** Card codes are printed on the card: a prefix and a zero-padded number, e.g. LZ0001. */
export function cardCode(i: number): string {
  return `LZ${String(i + 1).padStart(4, "0")}`;
}

/** Delegates (by 0-based index) named scrutineers (监票人) for the session. */
export const SCRUTINEER_INDEXES = [10, 95, 190] as const;
