// npm run db:seed:scale [-- --firms 200000] — a district-sized, deterministic, fictional data set on top of the demo
// data, for the scale benchmark (bench/scale.mjs): firms with valid credit codes, ten credit records each across
// the categories and kinds in use, and benefits, articles and activities in proportion (at 200,000 firms: 2,000,000
// records, 5,000 benefits, 20,000 articles and 20,000 activities). Written in batches, one transaction a batch;
// everything is marked as demo content (示例数据). Refuses a database that already holds it.
import type { Insertable } from 'kysely'
import type { DB } from '../db/database'
import type { ActivityTable, ArticleTable, BenefitTable, CreditRecordTable, EnterpriseTable } from '../db/schema'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { USCC_CHARSET, usccCheckChar } from '#common/codes/uscc'
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { engineOf } from '../db/engine'
import { bodyColumns } from '../lib/markdown'
import { addDays, addMonths, todayInShanghai } from '../lib/time'
import { publicUntil } from '../repositories/credit'
import { ACTIVITY_CATEGORIES, ARTICLE_KINDS, BENEFIT_CATEGORIES, LICENCE_TYPES, RECORD_CATEGORIES } from '../schemas/domain'
import { isEmpty, seedDemoData } from '../seed/index'

const { values } = parseArgs({
  options: {
    firms: { type: 'string', default: '200000' },
  },
})
const FIRMS = Number(values.firms)
if (!Number.isInteger(FIRMS) || FIRMS < 1 || FIRMS > 2_000_000) {
  console.error('usage: npm run db:seed:scale -- --firms <1…2000000>')
  process.exit(2)
}
const RECORDS_PER_FIRM = 10
const BENEFITS = Math.max(1, Math.round(FIRMS / 40))
const ARTICLES = Math.max(1, Math.round(FIRMS / 10))
const ACTIVITIES = Math.max(1, Math.round(FIRMS / 10))
/** Rows a batch (and a transaction): within SQLite's limit of bound values for the widest table. */
const BATCH = 1000

/** A small deterministic generator (mulberry32): the same data set on every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = random(2018)
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))

const TRADE = [...'知岚屿衡泓栖晨砚澜启青禾颐文铭拓锐跃璟乔澈筑翎仁馨虹韵途霁砚岫棠梧巧朴思远博嘉瑞祥和泰安康宁华盛鑫源鼎诚信达通汇聚兴隆恒丰德邦宏伟卓越星辰海川林峰云帆']
const TRADES = [
  '科技',
  '贸易',
  '餐饮管理',
  '物业管理',
  '建筑工程',
  '文化传播',
  '信息技术',
  '医药',
  '物流',
  '装饰工程',
  '健身服务',
  '房地产经纪',
  '教育科技',
  '广告',
  '家政服务',
  '酒店管理',
  '商务咨询',
  '电子商务',
  '环保科技',
  '人力资源',
]
const TYPES = [
  '有限责任公司（自然人投资或控股）',
  '有限责任公司（自然人独资）',
  '股份有限公司（非上市）',
  '个体工商户',
]
const AUTHORITIES = [
  '上海市长宁区市场监督管理局',
  '国家税务总局上海市长宁区税务局',
  '上海市长宁区人力资源和社会保障局',
  '上海市长宁区生态环境局',
  '上海市长宁区建设和管理委员会',
  '上海市长宁区消防救援支队',
  '上海市长宁区卫生健康委员会',
  '上海市长宁区城市管理行政执法局',
  '上海市长宁区文化和旅游局',
  '上海市长宁区人民法院',
]
const STREETS_ADDR = [
  '天山路',
  '仙霞路',
  '虹桥路',
  '延安西路',
  '长宁路',
  '江苏路',
  '愚园路',
  '古北路',
  '娄山关路',
  '金钟路',
]
const WORDS = [
  '诚信',
  '信用',
  '守信',
  '惠民',
  '社区',
  '志愿',
  '服务',
  '企业',
  '承诺',
  '修复',
  '宣传',
  '示范',
  '街道',
  '文明',
  '便民',
  '优惠',
  '绿色',
  '安全',
  '健康',
  '教育',
]

function uscc(index: number): string {
  let n = index
  let body = ''
  for (let i = 0; i < 6; i++) {
    body = USCC_CHARSET[n % USCC_CHARSET.length] + body
    n = Math.floor(n / USCC_CHARSET.length)
  }
  // 'MAW' is used by no demo firm: the generated codes never meet theirs.
  const first17 = `91310105MAW${body}`
  return first17 + usccCheckChar(first17)
}

function phrase(words: number): string {
  return Array.from({ length: words }, () => pick(WORDS)).join('')
}

async function inBatches<T>(db: DB, total: number, make: (i: number) => T, write: (trx: DB, rows: T[]) => Promise<unknown>, label: string) {
  const started = Date.now()
  for (let from = 0; from < total; from += BATCH) {
    const rows = Array.from({
      length: Math.min(BATCH, total - from),
    }, (_, k) => make(from + k))
    await db.transaction().execute(trx => write(trx, rows))
  }
  console.log(`${label}: ${total.toLocaleString('en')} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

const config = loadConfig()
const { db } = connect(config)
try {
  await migrateToLatest(db)
  if (await isEmpty(db))
    await seedDemoData(db, { secret: config.secret, passwordHashCost: config.passwordHashCost })
  if (await db.selectFrom('enterprises').select('id').where('uscc', '=', uscc(0)).executeTakeFirst()) {
    console.error('this database already holds the scale data set')
    process.exit(1)
  }
  const now = new Date()
  const at = now.toISOString()
  const today = todayInShanghai(now)
  const streets = await db.selectFrom('streets').select('id').execute()
  if (streets.length === 0)
    throw new Error('no streets: seed the demo data first')

  await inBatches<Insertable<EnterpriseTable>>(db, FIRMS, i => ({
    uscc: uscc(i),
    name: `上海${pick(TRADE)}${pick(TRADE)}${pick(TRADES)}有限公司`,
    type: pick(TYPES),
    legal_representative: `${pick(['王', '李', '张', '刘', '陈', '杨', '周', '吴'])}${pick(TRADE)}${rnd() < 0.5
      ? pick(TRADE)
      : ''}`,
    registered_capital: `${int(10, 5000)}万元人民币`,
    established_on: addDays(today, -int(200, 9000)),
    address: `上海市长宁区${pick(STREETS_ADDR)}${int(1, 2000)}号`,
    business_scope: `${pick(TRADES)}；${pick(TRADES)}；${pick(TRADES)}。`,
    status: rnd() < 0.94
      ? 'active'
      : pick(['revoked', 'cancelled'] as const),
    updated_at: at,
    is_demo: 1,
  }), (trx, rows) => trx.insertInto('enterprises').values(rows).execute(), 'firms')

  const first = await db.selectFrom('enterprises').select('id').where('uscc', '=', uscc(0)).executeTakeFirstOrThrow()
  await inBatches<Insertable<CreditRecordTable>>(db, FIRMS * RECORDS_PER_FIRM, (i) => {
    const decided = addDays(today, -int(1, 2000))
    const base = {
      enterprise_id: first.id + Math.floor(i / RECORDS_PER_FIRM),
      category: pick(RECORD_CATEGORIES),
      authority: pick(AUTHORITIES),
      decided_on: decided,
      created_at: at,
      title: phrase(3),
      content: `${phrase(6)}。`,
    }
    const r = rnd()
    if (r < 0.4) {
      return {
        ...base,
        kind: 'licence',
        document_no: `沪长许〔${decided.slice(0, 4)}〕${i}号`,
        licence_type: pick(LICENCE_TYPES),
        valid_from: decided,
        valid_to: addMonths(decided, 12 * int(1, 5)),
      }
    }
    if (r < 0.55) {
      const severity = rnd() < 0.2
        ? 'serious' as const
        : 'general' as const
      return {
        ...base,
        kind: 'penalty',
        document_no: `沪长罚〔${decided.slice(0, 4)}〕${i}号`,
        violation_type: phrase(2),
        facts: `${phrase(8)}。`,
        legal_basis: '《中华人民共和国行政处罚法》',
        penalty_type: pick(['警告', '罚款', '没收违法所得']),
        fine_yuan: int(0, 50) * 1000,
        severity,
        public_until: publicUntil(decided, severity),
      }
    }
    if (r < 0.7)
      return { ...base, kind: 'commitment' }
    if (r < 0.9)
      return { ...base, kind: 'fact' }
    const list = rnd() < 0.5
      ? 'redList' as const
      : 'dishonestyList' as const
    return {
      ...base,
      kind: list,
      severity: 'general' as const,
      valid_to: rnd() < 0.5
        ? null
        : addDays(decided, int(100, 1500)),
    }
  }, (trx, rows) => trx.insertInto('credit_records').values(rows).execute(), 'credit records')

  await inBatches<Insertable<BenefitTable>>(db, BENEFITS, i => ({
    key: `scale-benefit-${i}`,
    title: `${phrase(2)}${pick(['优惠', '便利', '绿色通道', '减免', '优先办理'])}`,
    summary: `${phrase(6)}。`,
    category: pick(BENEFIT_CATEGORIES),
    audience: pick(['personal', 'enterprise', 'both'] as const),
    provider: `${pick(STREETS_ADDR)}${pick(['服务中心', '图书馆', '医院', '银行网点', '体育中心'])}`,
    street_id: rnd() < 0.5
      ? pick(streets).id
      : null,
    offer: phrase(4),
    eligibility: phrase(4),
    valid_from: addDays(today, -int(10, 700)),
    valid_to: rnd() < 0.3
      ? addDays(today, int(30, 700))
      : null,
    tags: JSON.stringify([
      phrase(1),
      phrase(1),
    ]),
    status: 'published',
    created_at: at,
    updated_at: at,
    is_demo: 1,
  }), async (trx, rows) => {
    await trx.insertInto('benefits').values(rows).execute()
    const ids = await trx.selectFrom('benefits').select('id').where('key', 'in', rows.map(r => r.key)).execute()
    await trx.insertInto('benefit_venues').values(ids.map(({ id }) => ({
      benefit_id: id,
      sort_order: 0,
      name: `${pick(STREETS_ADDR)}${pick(['服务点', '窗口', '网点'])}`,
      address: `上海市长宁区${pick(STREETS_ADDR)}${int(1, 2000)}号`,
      hours: '周一至周五 9:00–17:00',
      phone: null,
      lat: 31.19 + rnd() * 0.04,
      lng: 121.36 + rnd() * 0.08,
    }))).execute()
  }, 'benefits')

  await inBatches<Insertable<ArticleTable>>(db, ARTICLES, (i) => {
    const kind = pick(ARTICLE_KINDS)
    const published = addDays(today, -int(0, 1500))
    return {
      key: `scale-article-${i}`,
      kind,
      title: `${phrase(3)}${pick(['通知', '解读', '典型案例', '工作动态'])}`,
      summary: `${phrase(8)}。`,
      ...bodyColumns(`${phrase(20)}。\n\n${phrase(20)}。`),
      source: '长宁区信用办',
      street_id: rnd() < 0.5
        ? pick(streets).id
        : null,
      published_at: `${published}T09:00:00+08:00`,
      disclosure_until: kind === 'exposure'
        ? addMonths(published, 12)
        : null,
      cover_media_id: null,
      tags: JSON.stringify([
        phrase(1),
      ]),
      status: 'published',
      updated_at: at,
      is_demo: 1,
    }
  }, (trx, rows) => trx.insertInto('articles').values(rows).execute(), 'articles')

  await inBatches<Insertable<ActivityTable>>(db, ACTIVITIES, (i) => {
    const day = addDays(today, -int(0, 1500))
    return {
      key: `scale-activity-${i}`,
      street_id: pick(streets).id,
      title: `${phrase(3)}${pick(['主题活动', '进社区', '宣传日', '培训'])}`,
      category: pick(ACTIVITY_CATEGORIES),
      starts_at: `${day}T09:00:00+08:00`,
      ends_at: `${day}T11:00:00+08:00`,
      place: `${pick(STREETS_ADDR)}${int(1, 2000)}号${pick(['社区中心', '广场', '会议室'])}`,
      summary: `${phrase(8)}。`,
      ...bodyColumns(`${phrase(20)}。`),
      status: 'published',
      published_at: at,
      created_at: at,
      updated_at: at,
      is_demo: 1,
    }
  }, (trx, rows) => trx.insertInto('activities').values(rows).execute(), 'activities')
  // The planner's statistics for the new sizes; on PostgreSQL also the visibility map, without which a count read
  // from an index visits every row too (autovacuum would do it later, on its own schedule).
  if (engineOf(db) === 'postgres')
    await sql`VACUUM ANALYZE`.execute(db)
  else
    await sql`ANALYZE`.execute(db)
}
finally {
  await db.destroy()
}
