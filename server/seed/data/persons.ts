import type { SeedPerson } from './types'

// Fictional residents (demo data) for demonstrating and testing personal credit reports and benefit eligibility checks.
// Names, ID numbers and mobile numbers are all fictional: ID check digits are computed per GB 11643-1999, and mobile
// numbers use the 1380000xxxx / 1390000xxxx ranges.
// Only objective facts are recorded, with no exposing or disparaging wording. Record dates are given as "N days before
// seeding" (daysAgo); ages are as of 2026-11-29.
// The comment above each resident describes their profile. The first is used by the end-to-end tests; do not reorder.

const COURT = '上海市长宁区人民法院'
const TAX = '国家税务总局上海市长宁区税务局'
const CITY_MGMT = '上海市长宁区城市管理行政执法局'
const POLICE = '上海市公安局长宁分局'
const CREDIT_CENTRE = '上海市公共信用信息服务中心'
const VOLUNTEERS = '长宁区志愿者协会'
const CIVILISATION_OFFICE = '上海市长宁区精神文明建设委员会办公室'

export const persons: SeedPerson[] = [
  // Profile 1 (used by the end-to-end tests): trustworthy resident, 42, lives in 江苏路街道; red list (长宁区优秀志愿者, current),
  // two commitments, volunteering / on-time payment / personal tax facts; no penalties, no dishonesty list, eligible
  // for most benefit measures.
  {
    key: 'zhao-jingwen',
    name: '赵静文',
    idNumber: '310105198403123387',
    phone: '13800002156',
    street: 'jiangsu-road',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区江苏路街道办事处',
        daysAgo: 420,
        title: '个人诚信守约承诺',
        content: '承诺申请信用惠民服务时提供的信息真实有效,遵守图书借阅、场馆预约等服务规则,按约归还、按时缴费。',
      },
      {
        kind: 'fact',
        category: 'management',
        authority: TAX,
        daysAgo: 210,
        title: '个人所得税按期申报',
        content: '近三个纳税年度均按期办理个人所得税综合所得年度汇算。',
        documentNo: null,
      },
      {
        kind: 'redList',
        category: 'welfare',
        authority: CIVILISATION_OFFICE,
        daysAgo: 200,
        title: '长宁区优秀志愿者',
        content: '长期参与江苏路街道社区助老和诚信宣传志愿服务,获评年度长宁区优秀志愿者。',
        severity: 'general',
        untilDays: 530,
      },
      {
        kind: 'commitment',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 180,
        title: '志愿服务承诺',
        content: '承诺按时参加认领的志愿服务项目,尊重服务对象隐私,如实记录服务时长。',
      },
      {
        kind: 'fact',
        category: 'performance',
        authority: CREDIT_CENTRE,
        daysAgo: 20,
        title: '公用事业按期缴费',
        content: '近36个月水费、电费、燃气费均按期缴纳,无欠费记录。',
        documentNo: null,
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 15,
        title: '志愿服务时长',
        content: '累计记录志愿服务时长326小时,主要参与社区助老和诚信宣传活动。',
        documentNo: null,
      },
    ],
  },
  // Profile 2: no credit records at all; age 32.
  {
    key: 'sun-liwei',
    name: '孙立伟',
    idNumber: '310105199407214037',
    phone: '13900003407',
    street: 'xinhua-road',
    records: [],
  },
  // Profile 3: 75-year-old with no adverse records; signed a commitment to settle monthly at a seniors' canteen
  // (eligible for elderly-care benefit measures).
  {
    key: 'zhou-xiuying',
    name: '周秀英',
    idNumber: '310105195102080164',
    phone: '13800006218',
    street: 'xianxia-xincun',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区仙霞新村街道办事处',
        daysAgo: 400,
        title: '长者食堂按月结算守约承诺',
        content: '承诺在长者食堂刷卡记账用餐,每月底前结清当月餐费。',
      },
    ],
  },
  // Profile 4: a current general-dishonesty penalty (mixing household waste and refusing to correct it, 95 days ago,
  // fined 100 yuan).
  {
    key: 'ma-jianping',
    name: '马建平',
    idNumber: '310105197810035590',
    phone: '13900001573',
    street: 'tianshan-road',
    records: [
      {
        kind: 'penalty',
        category: 'supervision',
        authority: CITY_MGMT,
        daysAgo: 95,
        documentNo: '沪长城管罚〔2026〕1127号',
        violationType: '个人未按规定分类投放生活垃圾',
        facts: '当事人在居住小区垃圾箱房将湿垃圾与干垃圾混合投放,经执法人员当场责令改正后未改正。',
        legalBasis: '《上海市生活垃圾管理条例》第五十九条',
        penaltyType: '罚款',
        content: '罚款人民币100元。',
        fineYuan: 100,
        severity: 'general',
      },
    ],
  },
  // Profile 5: only a general penalty past its publicity period (dog taken out without a leash, 480 days ago).
  {
    key: 'he-wenbin',
    name: '何文斌',
    idNumber: '310105196905170213',
    phone: '13800004490',
    street: 'zhoujiaqiao',
    records: [
      {
        kind: 'penalty',
        category: 'supervision',
        authority: POLICE,
        daysAgo: 480,
        documentNo: '沪长公行罚〔2025〕3386号',
        violationType: '携犬出户未束犬链',
        facts: '当事人携带犬只在小区公共区域活动时未束犬链,经民警现场劝导后当场改正。',
        legalBasis: '《上海市养犬管理条例》关于携犬出户应当束犬链的规定及相应罚则',
        penaltyType: '罚款',
        content: '罚款人民币200元。',
        fineYuan: 200,
        severity: 'general',
      },
    ],
  },
  // Profile 6: on the 失信被执行人 list (enforcement, serious, current) plus the related civil judgment.
  {
    key: 'zheng-haifeng',
    name: '郑海峰',
    idNumber: '310105198011266696',
    phone: '13900007312',
    street: 'huayang-road',
    records: [
      {
        kind: 'fact',
        category: 'judgment',
        authority: COURT,
        daysAgo: 560,
        title: '民事判决',
        content: '民间借贷纠纷一案,法院判决偿还借款本金12万元及相应利息。',
        documentNo: '(2024)沪0105民初9532号',
      },
      {
        kind: 'dishonestyList',
        category: 'enforcement',
        authority: COURT,
        daysAgo: 230,
        title: '失信被执行人名单',
        content: '未按执行通知履行生效判决确定的还款义务,执行案号(2026)沪0105执1608号。',
        severity: 'serious',
        untilDays: 500,
      },
    ],
  },
  // Profile 7: formerly on the 失信被执行人 list; obligations fulfilled and removed (untilDays is negative).
  {
    key: 'wu-xiaoyan',
    name: '吴晓燕',
    idNumber: '310112197509306949',
    phone: '13800008845',
    street: 'beixinjing',
    records: [
      {
        kind: 'dishonestyList',
        category: 'enforcement',
        authority: COURT,
        daysAgo: 800,
        title: '失信被执行人名单',
        content: '曾因未按期履行生效判决确定的给付义务被纳入,执行案号(2024)沪0105执1876号;现已全部履行,法院已决定移出名单。',
        severity: 'serious',
        untilDays: -110,
      },
      {
        kind: 'fact',
        category: 'judgment',
        authority: COURT,
        daysAgo: 112,
        title: '生效判决已履行完毕',
        content: '(2023)沪0105民初24410号民事判决确定的给付义务已全部履行,执行案件已结案。',
        documentNo: '(2024)沪0105执1876号',
      },
    ],
  },
  // Profile 8: many records (10, in 7 categories): professional qualification and registration, two commitments, one
  // penalty past its publicity period, and tax / payment / volunteering / blood donation / mediation facts.
  {
    key: 'lin-guodong',
    name: '林国栋',
    idNumber: '310105197201154615',
    phone: '13900002609',
    street: 'xinjing-town',
    records: [
      {
        kind: 'commitment',
        category: 'qualification',
        authority: '上海市药品监督管理局',
        daysAgo: 952,
        title: '告知承诺制事项承诺书(执业药师注册)',
        content: '承诺所提交的学历、职业资格和执业单位证明材料真实有效,承诺不实自愿承担撤销注册等法律责任。',
      },
      {
        kind: 'licence',
        category: 'qualification',
        authority: '上海市药品监督管理局',
        daysAgo: 950,
        documentNo: '沪药监药注〔2024〕0392号',
        licenceType: 'registration',
        title: '执业药师注册证',
        content: '执业类别:药学;执业范围:药品零售;执业单位:长宁区内一家零售药店。',
        validYears: 5,
      },
      {
        kind: 'fact',
        category: 'judgment',
        authority: COURT,
        daysAgo: 900,
        title: '民事调解书已履行',
        content: '物业服务合同纠纷一案经法院主持调解结案,调解书确定的物业费已按期付清。',
        documentNo: '(2024)沪0105民初3388号',
      },
      {
        kind: 'penalty',
        category: 'supervision',
        authority: CITY_MGMT,
        daysAgo: 690,
        documentNo: '沪长城管罚〔2025〕0093号',
        violationType: '个人未按规定分类投放生活垃圾',
        facts: '当事人将可回收物与湿垃圾混合投放,经执法人员当场责令改正后未改正。',
        legalBasis: '《上海市生活垃圾管理条例》第五十九条',
        penaltyType: '罚款',
        content: '罚款人民币50元。',
        fineYuan: 50,
        severity: 'general',
      },
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区房屋管理局',
        daysAgo: 600,
        title: '诚信租赁承诺',
        content: '承诺出租房屋不改变房屋结构、不超人数出租,按规定办理租赁登记备案。',
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: '上海市长宁区血液管理办公室',
        daysAgo: 300,
        title: '无偿献血',
        content: '累计参加无偿献血6次。',
        documentNo: null,
      },
      {
        kind: 'fact',
        category: 'management',
        authority: TAX,
        daysAgo: 210,
        title: '个人所得税按期申报',
        content: '近三个纳税年度均按期办理个人所得税综合所得年度汇算。',
        documentNo: null,
      },
      {
        kind: 'licence',
        category: 'registration',
        authority: POLICE,
        daysAgo: 120,
        documentNo: '沪长公犬登〔2026〕0815号',
        licenceType: 'registration',
        title: '养犬登记证',
        content: '准予在居住地饲养犬只一条(已完成狂犬病免疫)。',
        validYears: 1,
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 40,
        title: '志愿服务时长',
        content: '累计记录志愿服务时长88小时,主要参与社区用药咨询志愿服务。',
        documentNo: null,
      },
      {
        kind: 'fact',
        category: 'performance',
        authority: CREDIT_CENTRE,
        daysAgo: 20,
        title: '公用事业按期缴费',
        content: '近24个月水费、电费、燃气费均按期缴纳,无欠费记录。',
        documentNo: null,
      },
    ],
  },
  // Profile 9: 77-year-old on the red list (五星级志愿者, open-ended), plus volunteer service hours.
  {
    key: 'gu-meihua',
    name: '顾美华',
    idNumber: '310105194906037829',
    phone: '13800005371',
    street: 'hongqiao',
    records: [
      {
        kind: 'redList',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 320,
        title: '长宁区星级志愿者(五星)',
        content: '累计志愿服务时长超过1500小时,经认定为五星级志愿者。',
        severity: 'general',
        untilDays: null,
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 15,
        title: '志愿服务时长',
        content: '累计记录志愿服务时长1860小时,主要参与社区楼组守望和独居老人探访。',
        documentNo: null,
      },
    ],
  },
  // Profile 10: 26-year-old who signed a tenancy compliance commitment, plus a fact of on-time student loan repayments.
  {
    key: 'xu-chenyang',
    name: '许晨阳',
    idNumber: '310105199912064279',
    phone: '13900006084',
    street: 'chengjiaqiao',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区房屋管理局',
        daysAgo: 260,
        title: '保障性租赁住房租赁守约承诺',
        content: '承诺按合同约定按月缴纳租金,不转租、不改变房屋用途,合同期满按时退租或续约。',
      },
      {
        kind: 'fact',
        category: 'performance',
        authority: CREDIT_CENTRE,
        daysAgo: 180,
        title: '助学贷款按期还款',
        content: '生源地信用助学贷款已按期足额结清。',
        documentNo: null,
      },
    ],
  },
  // Profile 11: 80-year-old (ID check digit X) who signed a seniors' meal-service commitment and settled on time.
  {
    key: 'qian-fugen',
    name: '钱福根',
    idNumber: '31010519460819659X',
    phone: '13800003722',
    street: 'huayang-road',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区华阳路街道办事处',
        daysAgo: 500,
        title: '长者助餐按月结算守约承诺',
        content: '承诺在社区助餐点记账用餐,每月底前结清当月餐费。',
      },
      {
        kind: 'fact',
        category: 'performance',
        authority: '上海市长宁区华阳路街道办事处',
        daysAgo: 30,
        title: '长者助餐按月结清',
        content: '开通按月结算以来,每月餐费均按时结清。',
        documentNo: null,
      },
    ],
  },
  // Profile 12: 25-year-old with only a volunteer service hours fact.
  {
    key: 'shao-yutong',
    name: '邵雨桐',
    idNumber: '310105200104271320',
    phone: '13900008230',
    street: 'xinhua-road',
    records: [
      {
        kind: 'fact',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 60,
        title: '志愿服务时长',
        content: '累计记录志愿服务时长52小时,主要参与社区图书角和诚信宣传活动。',
        documentNo: null,
      },
    ],
  },
  // Profile 13: 38, household registration outside Shanghai (320102), lives in 虹桥街道; a tenancy commitment and a
  // personal tax fact.
  {
    key: 'jiang-wentao',
    name: '蒋文涛',
    idNumber: '320102198802145877',
    phone: '13800009163',
    street: 'hongqiao',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区房屋管理局',
        daysAgo: 330,
        title: '诚信租赁承诺',
        content: '承诺按合同约定按时缴纳租金,爱护房屋设施,不擅自转租。',
      },
      {
        kind: 'fact',
        category: 'management',
        authority: TAX,
        daysAgo: 210,
        title: '个人所得税按期申报',
        content: '近两个纳税年度均按期办理个人所得税综合所得年度汇算。',
        documentNo: null,
      },
    ],
  },
  // Profile 14: 33, household registration outside Shanghai (330106), lives in 新泾镇; red list (无偿献血先进个人, current).
  {
    key: 'lu-xiaoping',
    name: '陆晓萍',
    idNumber: '330106199309093104',
    phone: '13900004958',
    street: 'xinjing-town',
    records: [
      {
        kind: 'redList',
        category: 'welfare',
        authority: '上海市长宁区卫生健康委员会',
        daysAgo: 260,
        title: '长宁区无偿献血先进个人',
        content: '连续多年参加无偿献血,获评长宁区无偿献血先进个人。',
        severity: 'general',
        untilDays: 470,
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: '上海市长宁区血液管理办公室',
        daysAgo: 90,
        title: '无偿献血',
        content: '累计参加无偿献血12次,其中成分献血4次。',
        documentNo: null,
      },
    ],
  },
  // Profile 15: 64, household registration in 徐汇区 (310104); a civil judgment already performed, plus a commitment to
  // share the cost of installing a lift.
  {
    key: 'cao-yongkang',
    name: '曹永康',
    idNumber: '310104196203283719',
    phone: '13800007496',
    street: 'tianshan-road',
    records: [
      {
        kind: 'commitment',
        category: 'performance',
        authority: '上海市长宁区天山路街道办事处',
        daysAgo: 700,
        title: '加装电梯出资分摊承诺',
        content: '承诺按楼组协商确定的比例分摊加装电梯费用,配合施工并承担后期维保费用。',
      },
      {
        kind: 'fact',
        category: 'judgment',
        authority: COURT,
        daysAgo: 300,
        title: '民事判决已履行',
        content: '房屋租赁合同纠纷一案,已按判决支付欠付租金,案件已结案。',
        documentNo: '(2025)沪0105民初17290号',
      },
    ],
  },
  // Profile 16: 69-year-old, household registration in 闵行区 (310112); signed a volunteer service commitment, plus
  // volunteer service hours; no adverse records.
  {
    key: 'tang-lijuan',
    name: '唐丽娟',
    idNumber: '310112195712014344',
    phone: '13900005617',
    street: 'beixinjing',
    records: [
      {
        kind: 'commitment',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 450,
        title: '志愿服务承诺',
        content: '承诺按时参加社区“时间银行”志愿服务,如实记录服务时长。',
      },
      {
        kind: 'fact',
        category: 'welfare',
        authority: VOLUNTEERS,
        daysAgo: 25,
        title: '志愿服务时长',
        content: '累计记录志愿服务时长420小时,主要参与社区助老陪伴服务。',
        documentNo: null,
      },
    ],
  },
]
