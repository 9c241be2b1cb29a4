// Colours: HSL helpers, the accent, skin, hair and clothing swatches, and the per-picture palette.
import type { Rand } from './random'

export type Hsl = readonly [number, number, number]

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v))
}

function hex(h: number, s: number, l: number): string {
  const hh = ((h % 360) + 360) % 360
  const ss = clamp(s, 0, 100) / 100
  const ll = clamp(l, 0, 100) / 100
  const a = ss * Math.min(ll, 1 - ll)
  const f = (k0: number): string => {
    const k = (k0 + hh / 30) % 12
    const v = ll - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(v * 255).toString(16).padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}

/** The colour `c`, lightened by `dl` and saturated by `ds` percentage points. */
export function col(c: Hsl, dl = 0, ds = 0, dh = 0): string {
  return hex(c[0] + dh, c[1] + ds, c[2] + dl)
}

const ACCENTS: readonly Hsl[] = [
  [356, 68, 56],
  [12, 74, 60],
  [28, 82, 56],
  [42, 86, 54],
  [172, 52, 40],
  [205, 68, 50],
  [228, 52, 58],
  [268, 42, 58],
  [145, 45, 42],
  [334, 60, 60],
]

export const SKINS: readonly Hsl[] = [
  [28, 72, 86],
  [26, 62, 80],
  [24, 56, 73],
  [22, 48, 65],
  [20, 42, 55],
  [30, 66, 83],
]

export const HAIR = [
  '#2a2220',
  '#3a2b24',
  '#1f1c1f',
  '#4d3426',
  '#5b4636',
  '#6e4a2f',
  '#2f2a33',
] as const

export const GREY_HAIR = [
  '#dddad5',
  '#c3bfba',
  '#eeece8',
  '#aaa6a1',
  '#938f8b',
] as const

export const BOTTOMS = [
  '#34495e',
  '#2f3b52',
  '#4a4f5c',
  '#6b5b4e',
  '#3d5a80',
  '#556270',
  '#7a6a58',
  '#2d3142',
  '#5c6b73',
] as const

export const SHOES = [
  '#3a3030',
  '#55453b',
  '#2b2b33',
  '#e9e6e1',
  '#7a5230',
] as const

export interface Palette {
  skyTop: string
  skyBottom: string
  sun: boolean
  accent: Hsl
  accent2: Hsl
  accent3: Hsl
  green: Hsl
  ground: Hsl
}

export function makePalette(r: Rand): Palette {
  const [accent, accent2, accent3] = r.shuffle(ACCENTS) as [Hsl, Hsl, Hsl]
  const morning = r.chance(0.3)
  const skyHue = r.range(192, 214)
  return {
    skyTop: morning
      ? hex(skyHue, 62, 76)
      : hex(skyHue, r.range(58, 72), r.range(66, 74)),
    skyBottom: morning
      ? hex(r.range(24, 40), 86, 88)
      : hex(skyHue - 6, 70, r.range(88, 93)),
    sun: r.chance(0.6),
    accent,
    accent2,
    accent3,
    green: [
      r.range(95, 150),
      r.range(38, 52),
      r.range(40, 50),
    ],
    ground: [
      r.range(25, 45),
      r.range(14, 26),
      r.range(78, 86),
    ],
  }
}

export function clothes(r: Rand): Hsl {
  return [
    r.range(0, 360),
    r.range(38, 66),
    r.range(44, 64),
  ]
}
