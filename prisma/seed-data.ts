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

// ───────────────────────── The follow-up stage (DEMO_STAGE=followup) ─────────────────────────
// The same session as it stood in the autumn of 2021. Plans and milestones follow each
// project's targets and deadline in the work report; progress, notes and comments are
// illustrative. Times are Beijing time.

/** The day the follow-up data stand at: 滞后 and "latest update" are read against it, not today. */
export const FOLLOWUP_AS_OF = "2021-10-31";

/** The vote: on the session's third day, on the report's twelve projects (CANDIDATES 0–11). */
export const FOLLOWUP_VOTE = {
  title: "临淄区 2021 年民生实事项目票决",
  candidates: 12,
  on: "2021-01-15",
  /** Delegates (by index) who did not come: 268 of 280 check in. */
  absent: [7, 33, 61, 88, 120, 151, 177, 203, 229, 244, 262, 275],
  /** Checked in but handed in no ballot: 发出 268, 收回 265. */
  noBallot: [15, 140, 250],
  /** Per candidate (by index): the share of ballots 赞成 and 反对 (the rest 弃权). */
  shares: [
    [0.93, 0.03],
    [0.97, 0.01],
    [0.95, 0.02],
    [0.9, 0.05],
    [0.92, 0.03],
    [0.91, 0.04],
    [0.84, 0.08],
    [0.58, 0.3],
    [0.8, 0.12],
    [0.86, 0.07],
    [0.88, 0.06],
    [0.83, 0.09],
  ] as ReadonlyArray<readonly [number, number]>,
} as const;

export interface FollowupUpdate {
  at: string;
  percent: number;
  spentWan: string;
  body: string;
  /** A photo generated at seed time (no network): its alt text, and a hue for the picture. */
  photo?: { alt: string; hue: number };
}

export interface FollowupProject {
  /** CANDIDATES index. */
  candidate: number;
  leadOfficial: string;
  startedOn: string;
  completedOn?: string;
  milestones: ReadonlyArray<{ title: string; plannedOn: string; achievedOn?: string }>;
  updates: readonly FollowupUpdate[];
}

/** Each elected project's plan (filed in February 2021) and its progress until the end of October. */
export const FOLLOWUP_PROJECTS: readonly FollowupProject[] = [
  {
    candidate: 0,
    leadOfficial: "区住房和城乡建设局 孙志刚",
    startedOn: "2021-03-01",
    milestones: [
      { title: "1021 套全部开工", plannedOn: "2021-06-30", achievedOn: "2021-06-18" },
      { title: "主体结构封顶 60%", plannedOn: "2021-09-30", achievedOn: "2021-09-26" },
      { title: "主体完工率 100%", plannedOn: "2021-12-31" },
    ],
    updates: [
      { at: "2021-04-20T10:00:00+08:00", percent: 20, spentWan: "5200.00", body: "6 个地块中 4 个已开工，累计开工 680 套。" },
      {
        at: "2021-07-05T10:00:00+08:00",
        percent: 45,
        spentWan: "12800.00",
        body: "1021 套全部开工，辛店街道地块进入主体施工。",
        photo: { alt: "辛店街道保障房地块主体施工现场", hue: 30 },
      },
      {
        at: "2021-10-12T10:00:00+08:00",
        percent: 72,
        spentWan: "20100.00",
        body: "主体结构封顶 640 套，其余楼栋主体施工中，年底前可全部完工。",
        photo: { alt: "稷下街道保障房楼栋封顶", hue: 25 },
      },
    ],
  },
  {
    candidate: 1,
    leadOfficial: "区交通运输局 刘海涛",
    startedOn: "2021-02-20",
    completedOn: "2021-06-20",
    milestones: [
      { title: "各镇街设立办卡点", plannedOn: "2021-04-30", achievedOn: "2021-04-26" },
      { title: "全区公交线路免费乘车", plannedOn: "2021-06-30", achievedOn: "2021-06-20" },
    ],
    updates: [
      { at: "2021-04-28T09:30:00+08:00", percent: 50, spentWan: "400.00", body: "11 个镇街办卡点全部启用，已办卡 3.2 万张。" },
      {
        at: "2021-06-21T09:30:00+08:00",
        percent: 100,
        spentWan: "1150.00",
        body: "6 月 20 日起全区城市公交线路对退役军人和 60 周岁以上老年人免费，累计办卡 5.6 万张。",
        photo: { alt: "老年人在公交车上刷卡免费乘车", hue: 200 },
      },
    ],
  },
  {
    candidate: 2,
    leadOfficial: "区水利局 郭建华",
    startedOn: "2021-03-10",
    milestones: [
      { title: "主管网改造完成", plannedOn: "2021-07-31", achievedOn: "2021-07-28" },
      { title: "入户率 100%，水质检测达标", plannedOn: "2021-11-30" },
    ],
    updates: [
      {
        at: "2021-08-02T15:00:00+08:00",
        percent: 70,
        spentWan: "6600.00",
        body: "城乡供水主管网改造完成，金岭回族镇、朱台镇 46 个村已通水。",
        photo: { alt: "农村供水管网铺设施工", hue: 190 },
      },
      { at: "2021-10-20T15:00:00+08:00", percent: 88, spentWan: "8500.00", body: "入户率 91%，剩余 23 个村 11 月完成入户。" },
    ],
  },
  {
    candidate: 3,
    leadOfficial: "区教育和体育局 马丽娟",
    startedOn: "2021-02-25",
    completedOn: "2021-08-25",
    milestones: [
      { title: "3 所幼儿园主体完工", plannedOn: "2021-06-30", achievedOn: "2021-06-15" },
      { title: "9 月前具备招生条件", plannedOn: "2021-08-31", achievedOn: "2021-08-25" },
    ],
    updates: [
      {
        at: "2021-08-26T11:00:00+08:00",
        percent: 100,
        spentWan: "5280.00",
        body: "3 所公办幼儿园通过验收，新增学位 1080 个，9 月 1 日开园。",
        photo: { alt: "新建幼儿园教学楼外景", hue: 50 },
      },
    ],
  },
  {
    candidate: 4,
    leadOfficial: "区民政局 韩秀英",
    startedOn: "2021-03-15",
    milestones: [
      { title: "皇城敬老院改造完成", plannedOn: "2021-08-31", achievedOn: "2021-08-20" },
      { title: "幸福院和日间照料中心 15 处建成", plannedOn: "2021-11-30" },
      { title: "长者食堂 10 处运营", plannedOn: "2021-12-31" },
    ],
    updates: [
      {
        at: "2021-09-10T16:00:00+08:00",
        percent: 60,
        spentWan: "2100.00",
        body: "皇城敬老院改造完成并入住；幸福院已建成 9 处，长者食堂 6 处开餐。",
        photo: { alt: "改造后的皇城敬老院院落", hue: 100 },
      },
    ],
  },
  {
    candidate: 5,
    leadOfficial: "区卫生健康局 曹振华",
    startedOn: "2021-03-20",
    milestones: [
      { title: "村卫生室标准化 80 处", plannedOn: "2021-09-30", achievedOn: "2021-09-28" },
      { title: "镇卫生院改扩建 7 处完工", plannedOn: "2021-12-31" },
    ],
    updates: [
      {
        at: "2021-09-29T10:00:00+08:00",
        percent: 65,
        spentWan: "3900.00",
        body: "80 处村卫生室标准化提升完成；7 处镇卫生院中 4 处已完工。",
      },
    ],
  },
  {
    candidate: 6,
    leadOfficial: "区文化和旅游局 唐文军",
    startedOn: "2021-04-01",
    milestones: [
      { title: "阅读吧 20 处开放", plannedOn: "2021-07-31", achievedOn: "2021-07-30" },
      { title: "综合性文化服务中心 30 处建成", plannedOn: "2021-10-31" },
    ],
    updates: [
      {
        at: "2021-10-15T14:00:00+08:00",
        percent: 85,
        spentWan: "1200.00",
        body: "20 处阅读吧已开放；文化服务中心建成 26 处，其余 4 处 10 月底完成。",
        photo: { alt: "社区阅读吧里读书的居民", hue: 280 },
      },
    ],
  },
  {
    candidate: 7,
    leadOfficial: "区发展和改革局 冯立新",
    startedOn: "2021-04-10",
    milestones: [
      { title: "选址和电力接入方案确定", plannedOn: "2021-05-31", achievedOn: "2021-06-20" },
      { title: "150 座充电桩建成并接入公共服务平台", plannedOn: "2021-09-30" },
    ],
    updates: [
      { at: "2021-06-22T10:00:00+08:00", percent: 20, spentWan: "150.00", body: "选址确定，因电力增容审批延后，晚于计划 20 天。" },
      {
        at: "2021-09-28T10:00:00+08:00",
        percent: 60,
        spentWan: "520.00",
        body: "已建成 90 座；镇驻地 60 座因变压器供货延迟，预计 11 月中旬建成，比计划晚一个半月。",
        photo: { alt: "公共停车场新建的电动汽车充电桩", hue: 140 },
      },
    ],
  },
  {
    candidate: 8,
    leadOfficial: "区城市管理局 董宏伟",
    startedOn: "2021-03-25",
    milestones: [
      { title: "汛期前完成 6 公里", plannedOn: "2021-06-15", achievedOn: "2021-06-12" },
      { title: "10 公里全部完工", plannedOn: "2021-10-31", achievedOn: "2021-10-28" },
    ],
    completedOn: "2021-10-28",
    updates: [
      { at: "2021-06-13T17:00:00+08:00", percent: 60, spentWan: "2400.00", body: "汛期前完成雨污分流管网 6.2 公里。" },
      {
        at: "2021-10-29T17:00:00+08:00",
        percent: 100,
        spentWan: "4050.00",
        body: "10 公里雨污分流管网全部完工，路面恢复。",
        photo: { alt: "雨污分流改造完工后的街道", hue: 210 },
      },
    ],
  },
  {
    candidate: 9,
    leadOfficial: "区住房和城乡建设局 蒋光明",
    startedOn: "2021-03-05",
    milestones: [
      { title: "学府路、天齐路打通", plannedOn: "2021-09-30", achievedOn: "2021-09-29" },
      { title: "13 条道路改造完成", plannedOn: "2021-12-31" },
    ],
    updates: [
      {
        at: "2021-10-08T09:00:00+08:00",
        percent: 70,
        spentWan: "10400.00",
        body: "学府路、天齐路 9 月 29 日通车；13 条道路中 8 条已完工。",
        photo: { alt: "打通后的学府路", hue: 0 },
      },
    ],
  },
  {
    candidate: 10,
    leadOfficial: "区住房和城乡建设局 彭素芬",
    startedOn: "2021-04-15",
    milestones: [
      { title: "3 个棚户区改造项目启动", plannedOn: "2021-06-30", achievedOn: "2021-06-25" },
      { title: "4 个老旧小区改造完成", plannedOn: "2021-11-30" },
    ],
    updates: [
      { at: "2021-09-15T10:00:00+08:00", percent: 55, spentWan: "6300.00", body: "裕丰花园、勇士东小区改造完成，另 2 个小区施工中。" },
    ],
  },
  {
    candidate: 11,
    leadOfficial: "区农业农村局 邓春梅",
    startedOn: "2021-03-01",
    milestones: [
      { title: "道路户户通提升 100 个村", plannedOn: "2021-09-30", achievedOn: "2021-09-30" },
      { title: "40% 以上的村生活污水有效处理", plannedOn: "2021-12-31" },
    ],
    updates: [
      {
        at: "2021-10-10T10:00:00+08:00",
        percent: 68,
        spentWan: "4900.00",
        body: "100 个村道路户户通提升完成；生活污水有效处理的村达 33%。",
      },
    ],
  },
];

/** 督办: delegates' notes (delegate by index) and, where answered, the department's reply. */
export const FOLLOWUP_SUPERVISION: ReadonlyArray<{
  candidate: number;
  delegate: number;
  kind: "INSPECTION" | "SUGGESTION";
  groupName: string | null;
  summary: string;
  body: string;
  at: string;
  reply?: { body: string; at: string };
}> = [
  {
    candidate: 7,
    delegate: 210,
    kind: "INSPECTION",
    groupName: "区人大常委会城建环保工作委员会视察组",
    summary: "镇驻地充电桩进度滞后",
    body: "视察发现凤凰镇、朱台镇驻地充电桩尚未开工，请说明原因并提出赶工计划。",
    at: "2021-10-12T15:00:00+08:00",
    reply: {
      body: "已协调供电公司优先供货变压器，11 月 15 日前全部建成，每周向区人大报告进度。",
      at: "2021-10-19T10:00:00+08:00",
    },
  },
  {
    candidate: 0,
    delegate: 31,
    kind: "SUGGESTION",
    groupName: null,
    summary: "保障房分配要公开透明",
    body: "建议保障房分配方案提前向社会公示，接受群众监督。",
    at: "2021-09-08T09:00:00+08:00",
    reply: { body: "分配方案将于 12 月在区政府网站和各街道公示 15 天。", at: "2021-09-16T14:00:00+08:00" },
  },
  {
    candidate: 2,
    delegate: 230,
    kind: "INSPECTION",
    groupName: null,
    summary: "部分村入户管道埋深不足",
    body: "金岭回族镇两个村入户管道埋深不足，冬季可能冻裂，请复查。",
    at: "2021-10-25T11:00:00+08:00",
  },
];

/** Residents' comments: the secretariat approves most; abuse and a stray advertisement are moderated away. */
export const FOLLOWUP_FEEDBACK: ReadonlyArray<{ candidate: number; body: string; at: string; approve: boolean }> = [
  { candidate: 1, body: "我和老伴每周进城都坐公交，现在不花钱了，谢谢政府！", at: "2021-07-02T08:30:00+08:00", approve: true },
  { candidate: 3, body: "家门口的幼儿园开园了，孩子上学近多了。", at: "2021-09-03T19:00:00+08:00", approve: true },
  { candidate: 7, body: "我们镇的充电桩什么时候能用上？希望加快进度。", at: "2021-10-05T20:10:00+08:00", approve: true },
  { candidate: 7, body: "低价代办充电桩安装，联系微信 xxxx。", at: "2021-10-06T02:00:00+08:00", approve: false },
  { candidate: 8, body: "今年汛期我们小区门口没再积水，改造效果明显。", at: "2021-08-15T18:00:00+08:00", approve: true },
  { candidate: 0, body: "施工队都是骗子！！！", at: "2021-10-20T23:40:00+08:00", approve: false },
];
