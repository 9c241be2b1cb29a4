// The district office's statistics.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { CHANNELS } from './domain'

export const STATS_KINDS = [
  'activities',
  'reports',
  'certificates',
  'benefits',
] as const

const PerDayAndChannel = Type.Array(Type.Object({
  day: Type.String(),
  channel: Type.Enum(CHANNELS),
  count: Type.Integer(),
}))

export const Stats = Type.Object({
  /** The periods covered: activities by month since `fromMonth`; reports, certificates and views by day since `fromDay`. */
  fromMonth: Type.String(),
  fromDay: Type.String(),
  activities: Type.Array(Type.Object({
    street: Type.String(),
    streetName: Type.String(),
    month: Type.String(),
    count: Type.Integer(),
  })),
  /** Personal credit reports issued per day and channel. */
  reports: PerDayAndChannel,
  /** Firms' own credit certificates issued per day and channel. */
  certificates: PerDayAndChannel,
  benefits: Type.Array(Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    views: Type.Integer(),
  })),
})
export type Stats = Static<typeof Stats>
