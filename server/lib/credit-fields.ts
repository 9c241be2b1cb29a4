// Which field of administration a record belongs to, told by the authority that decided it: the firm's certificate
// answers field by field ("no record of violation in this period", or the records). The first matching pattern
// wins, so the narrower names come first (食品药品 before 市场监督).
import type { CreditField } from '../schemas/domain'

const PATTERNS: ReadonlyArray<readonly [CreditField, RegExp]> = [
  ['foodDrug', /食品药品|药品监督/],
  ['market', /市场监督|市场监管|工商行政|质量技术监督/],
  ['tax', /税务/],
  ['hrss', /人力资源|社会保障|医疗保障/],
  ['environment', /生态环境|环境保护|水务/],
  ['construction', /建设|住房|房屋管理|规划/],
  ['fire', /消防/],
  ['health', /卫生健康|卫生计生/],
  ['urban', /城市管理|城管|绿化|市容/],
  ['culture', /文化|旅游|体育|新闻出版/],
  ['education', /教育/],
]

export function fieldOf(authority: string): CreditField {
  return PATTERNS.find(([, pattern]) => pattern.test(authority))?.[0] ?? 'other'
}
