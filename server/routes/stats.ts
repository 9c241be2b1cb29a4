// Statistics for district admins, as JSON for the charts and as CSV (UTF-8 with BOM, so spreadsheet programs read
// the Chinese correctly).
import type { FastifyPluginAsync } from 'fastify'
import type { Stats } from '../schemas/stats'
import { serve } from '../lib/serve'
import { addDays, addMonths, todayInShanghai } from '../lib/time'
import * as endpoints from '../schemas/endpoints'

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@]/.test(text))
    text = `'${text}`
  return /[",\r\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text
}

const routes: FastifyPluginAsync = async (app) => {
  async function collect(): Promise<Stats> {
    const today = todayInShanghai(app.config.clock())
    const fromMonth = addMonths(`${today.slice(0, 7)}-01`, -11).slice(0, 7)
    const fromDay = addDays(today, -29)
    const [activities, reports, certificates, benefits] = await Promise.all([
      app.repos.stats.activitiesPerStreetMonth(fromMonth),
      app.repos.stats.issuedPerDay('credit_reports', fromDay),
      app.repos.stats.issuedPerDay('firm_certificates', fromDay),
      app.repos.stats.topBenefits(fromDay),
    ])
    const counted = (rows: typeof reports) => rows.map(r => ({
      ...r,
      count: Number(r.count),
    }))
    return {
      fromMonth,
      fromDay,
      activities: activities.map(r => ({
        ...r,
        count: Number(r.count),
      })),
      reports: counted(reports),
      certificates: counted(certificates),
      benefits: benefits.map(r => ({
        ...r,
        views: Number(r.views),
      })),
    }
  }

  serve(app, endpoints.stats, collect)

  serve(app, endpoints.statsCsv, async (request, reply) => {
    const stats = await collect()
    const rows: (string | number)[][] = request.params.kind === 'activities'
      ? [
          ['街镇', '月份', '已发布活动数'],
          ...stats.activities.map(r => [r.streetName, r.month, r.count]),
        ]
      : request.params.kind === 'reports' || request.params.kind === 'certificates'
        ? [
            [
              '日期',
              '渠道',
              request.params.kind === 'reports'
                ? '个人信用报告数'
                : '企业专用信用报告数',
            ],
            ...stats[request.params.kind].map(r => [
              r.day,
              r.channel === 'kiosk'
                ? '自助终端'
                : '应用',
              r.count,
            ]),
          ]
        : [
            ['惠民措施', '打开次数'],
            ...stats.benefits.map(r => [r.title, r.views]),
          ]
    const body = `\uFEFF${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.kind}-${todayInShanghai(app.config.clock())}.csv"`)
      .send(body)
  })
}
export default routes
