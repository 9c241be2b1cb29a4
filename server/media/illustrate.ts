// Generated demo illustrations: flat-design SVG scenes drawn from a seed string, rendered to JPEG with sharp.
// Nothing is downloaded; the same (scene, seed, size) always gives the same SVG and the same JPEG bytes.
// The drawing uses only rect, circle, ellipse, path, polygon, g and linearGradient — no text, links or scripts.
import type { Scene } from '../seed/data/types'
import { Buffer } from 'node:buffer'
import sharp from 'sharp'

/** Every scene is drawn on this logical canvas and scaled (cropping if the aspect differs) to the requested size. */
const VW = 1200
const VH = 800

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

function hashString(text: string): number {
  let h = 0x811C9DC5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85EBCA6B)
  h ^= h >>> 13
  h = Math.imul(h, 0xC2B2AE35)
  h ^= h >>> 16
  return h >>> 0
}

class Rand {
  private state: number
  constructor(seed: number) {
    this.state = seed | 0
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6D2B79F5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return Math.floor(this.range(min, max + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Colours

type Hsl = readonly [number, number, number]

function clamp(v: number, min: number, max: number): number {
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
function col(c: Hsl, dl = 0, ds = 0, dh = 0): string {
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
const SKINS: readonly Hsl[] = [
  [28, 72, 86],
  [26, 62, 80],
  [24, 56, 73],
  [22, 48, 65],
  [20, 42, 55],
  [30, 66, 83],
]
const HAIR = [
  '#2a2220',
  '#3a2b24',
  '#1f1c1f',
  '#4d3426',
  '#5b4636',
  '#6e4a2f',
  '#2f2a33',
] as const
const GREY_HAIR = [
  '#dddad5',
  '#c3bfba',
  '#eeece8',
  '#aaa6a1',
  '#938f8b',
] as const
const BOTTOMS = [
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
const SHOES = [
  '#3a3030',
  '#55453b',
  '#2b2b33',
  '#e9e6e1',
  '#7a5230',
] as const

interface Palette {
  skyTop: string
  skyBottom: string
  sun: boolean
  accent: Hsl
  accent2: Hsl
  accent3: Hsl
  green: Hsl
  ground: Hsl
}

function makePalette(r: Rand): Palette {
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

function clothes(r: Rand): Hsl {
  return [
    r.range(0, 360),
    r.range(38, 66),
    r.range(44, 64),
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// SVG primitives (numbers rounded to one decimal to keep the markup small)

function n(v: number): string {
  // Whole pixels for large coordinates (invisible at ≤1200 px output), one decimal for small sizes.
  const x = Math.abs(v) >= 100
    ? Math.round(v)
    : Math.round(v * 10) / 10
  return Object.is(x, -0)
    ? '0'
    : String(x)
}

/** Tagged template for path data: interpolated numbers are rounded. */
function d(strings: TemplateStringsArray, ...values: number[]): string {
  let s = strings[0] ?? ''
  for (let i = 0; i < values.length; i++)
    s += n(values[i] as number) + (strings[i + 1] ?? '')
  return s
}

type Attrs = Record<string, string | number | undefined>

function el(tag: string, attrs: Attrs): string {
  let s = `<${tag}`
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) {
      s += ` ${k}="${typeof v === 'number'
        ? n(v)
        : v}"`
    }
  }
  return `${s}/>`
}

function rect(x: number, y: number, w: number, h: number, fill: string, rx?: number, extra: Attrs = {}): string {
  return el('rect', {
    x,
    y,
    width: w,
    height: h,
    rx,
    fill,
    ...extra,
  })
}

function circle(cx: number, cy: number, r: number, fill: string, extra: Attrs = {}): string {
  return el('circle', { cx, cy, r, fill, ...extra })
}

function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra: Attrs = {}): string {
  return el('ellipse', { cx, cy, rx, ry, fill, ...extra })
}

function path(pathData: string, fill: string, extra: Attrs = {}): string {
  return el('path', { d: pathData, fill, ...extra })
}

function line(pathData: string, stroke: string, width: number, extra: Attrs = {}): string {
  return el('path', {
    'd': pathData,
    'fill': 'none',
    stroke,
    'stroke-width': width,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    ...extra,
  })
}

function polygon(points: readonly number[], fill: string, extra: Attrs = {}): string {
  return el('polygon', {
    points: points.map(n).join(' '),
    fill,
    ...extra,
  })
}

function group(content: readonly string[], attrs: Attrs = {}): string {
  let s = '<g'
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) {
      s += ` ${k}="${typeof v === 'number'
        ? n(v)
        : v}"`
    }
  }
  return `${s}>${content.join('')}</g>`
}

class Canvas {
  readonly out: string[] = []
  private readonly defs: string[] = []
  constructor(readonly r: Rand, readonly p: Palette, readonly mirror: boolean) {}

  /** Keeps a symbol (a tick) reading the right way round when the whole picture is mirrored. */
  upright(cx: number, content: string): string {
    return this.mirror
      ? group([content], { transform: `matrix(-1 0 0 1 ${n(2 * cx)} 0)` })
      : content
  }

  add(...parts: string[]): void {
    this.out.push(...parts)
  }

  /** A linear gradient (vertical unless told otherwise); returns the `url(#…)` to use as a fill. */
  gradient(stops: ReadonlyArray<readonly [number, string]>, x2 = 0, y2 = 1): string {
    const id = `g${this.defs.length}`
    const s = stops.map(([o, c]) => `<stop offset="${n(o)}" stop-color="${c}"/>`).join('')
    this.defs.push(`<linearGradient id="${id}" x1="0" y1="0" x2="${n(x2)}" y2="${n(y2)}">${s}</linearGradient>`)
    return `url(#${id})`
  }

  /** The finished document; `mirror` flips the whole picture left-right (there is no text, so any scene may flip). */
  svg(width: number, height: number): string {
    const defs = this.defs.length > 0
      ? `<defs>${this.defs.join('')}</defs>`
      : ''
    const body = this.mirror
      ? `<g transform="matrix(-1 0 0 1 ${VW} 0)">${this.out.join('')}</g>`
      : this.out.join('')
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${VW} ${VH}" preserveAspectRatio="xMidYMid slice">${defs}${body}</svg>`
  }
}

/** Things drawn back to front by their ground line. */
class Depth {
  private readonly items: Array<{ y: number, draw: () => string }> = []
  add(y: number, draw: () => string): void {
    this.items.push({ y, draw })
  }

  flush(c: Canvas): void {
    const sorted = [...this.items].sort((a, b) => a.y - b.y)
    for (const item of sorted)
      c.add(item.draw())
    this.items.length = 0
  }
}

// ---------------------------------------------------------------------------------------------------------------
// People

type HairStyle = 'short' | 'long' | 'bob' | 'bun' | 'curly' | 'thin'
type Pose = 'down' | 'hold' | 'wave' | 'give' | 'point' | 'table' | 'carry'
type Item = 'certificate' | 'brochure' | 'leaflet' | 'bag' | 'flowers' | 'tray' | 'cane' | 'basket' | 'flag' | 'none'

interface Person {
  x: number
  y: number // feet
  h: number // standing height in px
  skin: Hsl
  hair: string
  hairStyle: HairStyle
  top: Hsl
  bottom: string
  shoes: string
  skirt: boolean
  pose: Pose
  dir: 1 | -1 // which side the active arm is on
  walk: number // leg spread, -1..1
  item: Item
  itemColor: string
  seated?: boolean // on a bench or chair: hips drop to seat height, shins visible
  vest?: Hsl
  cap?: string
  apron?: string
  glasses?: boolean
  face: boolean
}

function randomPerson(r: Rand, x: number, y: number, h: number, extra: Partial<Person> = {}): Person {
  const elder = extra.hairStyle === 'thin'
  const hairStyle: HairStyle = r.pick([
    'short',
    'short',
    'long',
    'bob',
    'bun',
    'curly',
  ] as const)
  const skirt = (hairStyle === 'long' || hairStyle === 'bun') && r.chance(0.4)
  return {
    x,
    y,
    h,
    skin: r.pick(SKINS),
    hair: elder
      ? r.pick(GREY_HAIR)
      : r.pick(HAIR),
    hairStyle,
    top: clothes(r),
    bottom: r.pick(BOTTOMS),
    shoes: r.pick(SHOES),
    skirt,
    pose: 'down',
    dir: r.chance(0.5)
      ? 1
      : -1,
    walk: 0,
    item: 'none',
    itemColor: '#c8102e',
    face: h >= 70,
    ...extra,
  }
}

function elderPerson(r: Rand, x: number, y: number, h: number, extra: Partial<Person> = {}): Person {
  return randomPerson(r, x, y, h, {
    hairStyle: r.pick([
      'thin',
      'short',
      'bob',
      'thin',
      'curly',
    ] as const),
    hair: r.pick(GREY_HAIR),
    top: [
      r.range(0, 360),
      r.range(18, 38),
      r.range(46, 62),
    ],
    glasses: r.chance(0.55),
    ...extra,
  })
}

function drawPerson(p: Person): string {
  const { x, dir } = p
  const u = p.h / 100
  const feet = p.y
  // The upper body is drawn relative to `y`; seated people sit 17% lower, their feet stay on the ground.
  const y = p.seated
    ? feet + 17 * u
    : feet
  const skin = col(p.skin)
  const top = col(p.top)
  const sleeve = col(p.top, -7)
  const parts: string[] = []

  parts.push(ellipse(x, feet, 17 * u, 3.6 * u, '#000', { opacity: 0.12 }))

  // Legs and shoes (or a skirt)
  const lx = x - 5.5 * u - p.walk * 5 * u
  const rx = x + 5.5 * u + p.walk * 5 * u
  if (p.seated) {
    parts.push(rect(x - 14 * u, y - 50 * u, 28 * u, 16 * u, p.bottom, 5 * u))
    parts.push(line(d`M${x - 7 * u} ${y - 38 * u}L${x - 8 * u} ${feet - 4 * u}M${x + 7 * u} ${y - 38 * u}L${x + 8 * u} ${feet - 4 * u}`, p.bottom, 10 * u))
    parts.push(ellipse(x - 9 * u, feet - 2 * u, 6 * u, 3 * u, p.shoes), ellipse(x + 9 * u, feet - 2 * u, 6 * u, 3 * u, p.shoes))
  }
  else if (p.skirt) {
    parts.push(line(d`M${x - 5 * u} ${y - 26 * u}L${lx} ${y - 4 * u}M${x + 5 * u} ${y - 26 * u}L${rx} ${y - 4 * u}`, col(p.skin, -6), 6.5 * u))
    parts.push(path(d`M${x - 13 * u} ${y - 47 * u}L${x + 13 * u} ${y - 47 * u}L${x + 18 * u} ${y - 22 * u}Q${x} ${y - 19 * u} ${x - 18 * u} ${y - 22 * u}Z`, p.bottom))
  }
  else {
    parts.push(rect(x - 13.5 * u, y - 50 * u, 27 * u, 12 * u, p.bottom, 4 * u))
    parts.push(line(d`M${x - 6.5 * u} ${y - 42 * u}L${lx} ${y - 4 * u}M${x + 6.5 * u} ${y - 42 * u}L${rx} ${y - 4 * u}`, p.bottom, 10 * u))
  }
  if (!p.seated)
    parts.push(ellipse(lx - 1 * u, y - 2 * u, 6 * u, 3 * u, p.shoes), ellipse(rx + 1 * u, y - 2 * u, 6 * u, 3 * u, p.shoes))

  // Hair that falls behind the head
  if (p.hairStyle === 'long')
    parts.push(rect(x - 12 * u, y - 100 * u, 24 * u, 28 * u, p.hair, 10 * u))
  else if (p.hairStyle === 'bob')
    parts.push(rect(x - 12.5 * u, y - 100 * u, 25 * u, 18 * u, p.hair, 8 * u))

  // Neck, torso, vest / apron
  parts.push(rect(x - 3.4 * u, y - 86 * u, 6.8 * u, 9 * u, col(p.skin, -8)))
  parts.push(path(d`M${x - 14 * u} ${y - 42 * u}L${x - 14.5 * u} ${y - 71 * u}Q${x - 14.5 * u} ${y - 80 * u} ${x - 6 * u} ${y - 80 * u}L${x + 6 * u} ${y - 80 * u}Q${x + 14.5 * u} ${y - 80 * u} ${x + 14.5 * u} ${y - 71 * u}L${x + 14 * u} ${y - 42 * u}Z`, top))
  parts.push(path(d`M${x - 4.5 * u} ${y - 80 * u}Q${x} ${y - 74 * u} ${x + 4.5 * u} ${y - 80 * u}Z`, col(p.skin, -8)))
  if (p.vest) {
    const v = col(p.vest)
    parts.push(path(d`M${x - 14.2 * u} ${y - 40 * u}L${x - 14.6 * u} ${y - 71 * u}Q${x - 14.6 * u} ${y - 80 * u} ${x - 7 * u} ${y - 80.5 * u}L${x - 2.5 * u} ${y - 62 * u}L${x - 2.5 * u} ${y - 40 * u}Z`, v))
    parts.push(path(d`M${x + 14.2 * u} ${y - 40 * u}L${x + 14.6 * u} ${y - 71 * u}Q${x + 14.6 * u} ${y - 80 * u} ${x + 7 * u} ${y - 80.5 * u}L${x + 2.5 * u} ${y - 62 * u}L${x + 2.5 * u} ${y - 40 * u}Z`, v))
    parts.push(rect(x - 14.4 * u, y - 53 * u, 11.9 * u, 3.4 * u, '#f4f1e6', undefined, { opacity: 0.85 }))
    parts.push(rect(x + 2.5 * u, y - 53 * u, 11.9 * u, 3.4 * u, '#f4f1e6', undefined, { opacity: 0.85 }))
  }
  if (p.apron) {
    parts.push(path(d`M${x - 9 * u} ${y - 68 * u}L${x + 9 * u} ${y - 68 * u}L${x + 11.5 * u} ${y - 30 * u}Q${x} ${y - 27 * u} ${x - 11.5 * u} ${y - 30 * u}Z`, p.apron))
    parts.push(rect(x - 5 * u, y - 50 * u, 10 * u, 7 * u, '#000', 1.5 * u, { opacity: 0.08 }))
  }

  // Arms: [shoulder, elbow, hand] for the passive (-dir) and active (+dir) sides
  const sh = y - 74 * u
  const arm = (side: number, ex: number, ey: number, hx: number, hy: number): [number, number, number, number] =>
    [
      x + side * ex * u,
      y - ey * u,
      x + side * hx * u,
      y - hy * u,
    ]
  const down = (side: number): [number, number, number, number] => arm(side, 16.5, 60, 17, 46)
  let passive = down(-dir)
  let active = down(dir)
  switch (p.pose) {
    case 'hold':
      passive = arm(-dir, 18, 57, 9, 60)
      active = arm(dir, 18, 57, 9, 60)
      break
    case 'wave':
      active = arm(dir, 23, 80, 25, 96)
      break
    case 'give':
      active = arm(dir, 23, 64, 34, 66)
      break
    case 'point':
      active = arm(dir, 25, 80, 37, 90)
      break
    case 'table':
      passive = arm(-dir, 21, 56, 11, 52)
      active = arm(dir, 21, 56, 11, 52)
      break
    default:
      break
  }
  for (const [side, a] of [
    [-dir, passive],
    [dir, active],
  ] as const)
    parts.push(line(d`M${x + side * 12.5 * u} ${sh}L${a[0]} ${a[1]}L${a[2]} ${a[3]}`, sleeve, 7.8 * u))

  // Held items (between the arms and the hands)
  const [ahx, ahy] = [active[2], active[3]]
  switch (p.item) {
    case 'certificate':
      parts.push(rect(x - 15 * u, y - 73 * u, 30 * u, 20 * u, p.itemColor, 1.2 * u))
      parts.push(rect(x - 12.5 * u, y - 70.5 * u, 25 * u, 15 * u, 'none', 0.6 * u, { 'stroke': '#f2c94c', 'stroke-width': 1.1 * u }))
      parts.push(circle(x, y - 63 * u, 3.4 * u, '#f2c94c'))
      break
    case 'brochure':
      parts.push(rect(x - 12 * u, y - 76 * u, 24 * u, 18 * u, '#fdfdfb', 1 * u, { 'stroke': '#d5d9de', 'stroke-width': 0.5 * u }))
      parts.push(rect(x - 12 * u, y - 76 * u, 24 * u, 5 * u, p.itemColor, 1 * u), line(d`M${x - 1 * u} ${y - 76 * u}L${x - 1 * u} ${y - 58 * u}`, '#d5d9de', 0.6 * u))
      parts.push(line(d`M${x - 9 * u} ${y - 67 * u}L${x - 4 * u} ${y - 67 * u}M${x + 2 * u} ${y - 67 * u}L${x + 9 * u} ${y - 67 * u}M${x + 2 * u} ${y - 63 * u}L${x + 7 * u} ${y - 63 * u}`, '#b9c0c8', 1 * u))
      break
    case 'flowers':
      parts.push(polygon([
        x - 8 * u,
        y - 70 * u,
        x + 8 * u,
        y - 70 * u,
        x,
        y - 50 * u,
      ], '#f7e8d0'))
      parts.push(circle(x - 5 * u, y - 72 * u, 4 * u, '#e5566b'), circle(x + 4.5 * u, y - 73 * u, 4 * u, '#f6a93b'), circle(x, y - 77 * u, 4.2 * u, '#f37f9a'), circle(x - 1 * u, y - 70 * u, 3 * u, '#7fb35a'))
      break
    case 'tray':
      parts.push(ellipse(x, y - 60 * u, 24 * u, 4.5 * u, '#b9c2c9'), ellipse(x, y - 61 * u, 22 * u, 3.5 * u, '#dde3e8'))
      parts.push(path(d`M${x - 9 * u} ${y - 64 * u}Q${x} ${y - 53 * u} ${x + 9 * u} ${y - 64 * u}Z`, '#fff'), ellipse(x, y - 64 * u, 9 * u, 2 * u, '#f0c36b'))
      break
    case 'leaflet':
      parts.push(group([
        rect(-6 * u, -16 * u, 12 * u, 16 * u, '#fff', 0.8 * u, { 'stroke': '#d5d9de', 'stroke-width': 0.5 * u }),
        rect(-6 * u, -16 * u, 12 * u, 4.5 * u, p.itemColor, 0.8 * u),
        line(d`M${-3.8 * u} ${-8 * u}L${3.8 * u} ${-8 * u}M${-3.8 * u} ${-5 * u}L${2 * u} ${-5 * u}`, '#b9c0c8', 1 * u),
      ], { transform: `translate(${n(ahx)} ${n(ahy + 2 * u)}) rotate(${n(dir * 12)})` }))
      break
    case 'bag':
      parts.push(line(d`M${passive[2] - 4 * u} ${passive[3] + 3 * u}Q${passive[2]} ${passive[3] - 4 * u} ${passive[2] + 4 * u} ${passive[3] + 3 * u}`, p.itemColor, 1.4 * u))
      parts.push(rect(passive[2] - 7 * u, passive[3] + 2 * u, 14 * u, 15 * u, p.itemColor, 2 * u))
      break
    case 'basket':
      parts.push(circle(passive[2] - 3 * u, passive[3] + 3 * u, 3 * u, '#e2513c'), circle(passive[2] + 3 * u, passive[3] + 3.5 * u, 3 * u, '#8cbf4d'))
      parts.push(line(d`M${passive[2] - 8 * u} ${passive[3] + 5 * u}Q${passive[2]} ${passive[3] - 8 * u} ${passive[2] + 8 * u} ${passive[3] + 5 * u}`, '#a8743f', 1.5 * u))
      parts.push(path(d`M${passive[2] - 9 * u} ${passive[3] + 5 * u}L${passive[2] + 9 * u} ${passive[3] + 5 * u}L${passive[2] + 7 * u} ${passive[3] + 15 * u}L${passive[2] - 7 * u} ${passive[3] + 15 * u}Z`, '#c98f52'))
      break
    case 'cane':
      parts.push(line(d`M${ahx} ${ahy}L${ahx + dir * 3 * u} ${feet - 1 * u}`, '#6b4a2f', 2.2 * u))
      break
    case 'flag':
      parts.push(line(d`M${ahx} ${ahy + 3 * u}L${ahx} ${ahy - 22 * u}`, '#8a6a4a', 1.2 * u))
      parts.push(rect(ahx, ahy - 22 * u, dir * 14 * u, 9 * u, p.itemColor))
      break
    default:
      break
  }
  parts.push(circle(passive[2], passive[3], 4 * u, skin), circle(ahx, ahy, 4 * u, skin))

  // Head and hair
  const hy = y - 90 * u
  parts.push(circle(x - 10 * u, hy + 1 * u, 2.6 * u, col(p.skin, -5)), circle(x + 10 * u, hy + 1 * u, 2.6 * u, col(p.skin, -5)))
  parts.push(circle(x, hy, 10 * u, skin))
  switch (p.hairStyle) {
    case 'thin':
      parts.push(ellipse(x - 9.3 * u, hy - 1.5 * u, 3.2 * u, 5.5 * u, p.hair), ellipse(x + 9.3 * u, hy - 1.5 * u, 3.2 * u, 5.5 * u, p.hair))
      parts.push(path(d`M${x - 8 * u} ${hy - 6 * u}Q${x} ${hy - 13.5 * u} ${x + 8 * u} ${hy - 6 * u}Q${x} ${hy - 10 * u} ${x - 8 * u} ${hy - 6 * u}Z`, p.hair, { opacity: 0.8 }))
      break
    case 'curly':
      for (let a = 0; a < 7; a++) {
        const t = Math.PI * (1.05 + a * 0.15)
        parts.push(circle(x + Math.cos(t) * 9.5 * u, hy + Math.sin(t) * 9 * u - 1 * u, 4.4 * u, p.hair))
      }
      break
    default:
      parts.push(path(d`M${x - 10.8 * u} ${hy + 3 * u}C${x - 12.5 * u} ${hy - 14 * u} ${x + 12.5 * u} ${hy - 14 * u} ${x + 10.8 * u} ${hy + 3 * u}C${x + 9 * u} ${hy - 4 * u} ${x - 1 * u} ${hy - 5 * u} ${x - 10.8 * u} ${hy + 3 * u}Z`, p.hair))
      if (p.hairStyle === 'bun')
        parts.push(circle(x, hy - 11 * u, 5 * u, p.hair))
  }
  if (p.face) {
    const eye = '#3b2c28'
    parts.push(circle(x - 3.7 * u, hy + 0.5 * u, 1.25 * u, eye), circle(x + 3.7 * u, hy + 0.5 * u, 1.25 * u, eye))
    parts.push(line(d`M${x - 2.8 * u} ${hy + 4.6 * u}Q${x} ${hy + 6.8 * u} ${x + 2.8 * u} ${hy + 4.6 * u}`, '#9c4a3c', 0.9 * u))
    parts.push(circle(x - 6.3 * u, hy + 3.6 * u, 1.9 * u, '#f08a7e', { opacity: 0.35 }), circle(x + 6.3 * u, hy + 3.6 * u, 1.9 * u, '#f08a7e', { opacity: 0.35 }))
    if (p.glasses) {
      parts.push(line(d`M${x - 1.2 * u} ${hy + 0.5 * u}L${x + 1.2 * u} ${hy + 0.5 * u}`, '#4a4a52', 0.7 * u))
      parts.push(circle(x - 3.7 * u, hy + 0.5 * u, 2.6 * u, 'none', { 'stroke': '#4a4a52', 'stroke-width': 0.7 * u }), circle(x + 3.7 * u, hy + 0.5 * u, 2.6 * u, 'none', { 'stroke': '#4a4a52', 'stroke-width': 0.7 * u }))
    }
  }
  if (p.cap) {
    parts.push(path(d`M${x - 11 * u} ${hy - 2 * u}C${x - 11 * u} ${hy - 14 * u} ${x + 11 * u} ${hy - 14 * u} ${x + 11 * u} ${hy - 2 * u}Z`, p.cap))
    parts.push(ellipse(x, hy - 2 * u, 12.5 * u, 2.4 * u, p.cap))
  }
  return group(parts)
}

/** A seated audience member seen from behind (shoulders and head). `y` is the shoulder line. */
function drawBackPerson(r: Rand, x: number, y: number, u: number): string {
  const hair = r.chance(0.12)
    ? r.pick(GREY_HAIR)
    : r.pick(HAIR)
  const skin = r.pick(SKINS)
  const top = col(clothes(r))
  const parts = [
    path(d`M${x - 15 * u} ${y + 30 * u}L${x - 15 * u} ${y + 7 * u}Q${x - 15 * u} ${y - 1 * u} ${x - 6 * u} ${y - 1 * u}L${x + 6 * u} ${y - 1 * u}Q${x + 15 * u} ${y - 1 * u} ${x + 15 * u} ${y + 7 * u}L${x + 15 * u} ${y + 30 * u}Z`, top),
    rect(x - 3.5 * u, y - 7 * u, 7 * u, 8 * u, col(skin, -8)),
    circle(x - 10 * u, y - 12 * u, 2.6 * u, col(skin, -5)),
    circle(x + 10 * u, y - 12 * u, 2.6 * u, col(skin, -5)),
    circle(x, y - 13 * u, 10.2 * u, hair),
  ]
  if (r.chance(0.3))
    parts.push(rect(x - 11 * u, y - 22 * u, 22 * u, 24 * u, hair, 9 * u))
  else if (r.chance(0.2))
    parts.push(circle(x, y - 24 * u, 4.5 * u, hair))
  return group(parts)
}

// ---------------------------------------------------------------------------------------------------------------
// Scenery

function sky(c: Canvas, bottom: number, sunAvoid?: readonly [number, number]): void {
  const { p, r } = c
  c.add(rect(0, 0, VW, bottom, c.gradient([
    [0, p.skyTop],
    [1, p.skyBottom],
  ])))
  if (p.sun) {
    let sx = r.range(120, 1080)
    if (sunAvoid && sx > sunAvoid[0] && sx < sunAvoid[1]) {
      sx = sx - sunAvoid[0] < sunAvoid[1] - sx
        ? r.range(100, Math.max(110, sunAvoid[0]))
        : r.range(Math.min(1090, sunAvoid[1]), 1100)
    }
    const sy = r.range(70, 150)
    c.add(circle(sx, sy, 70, '#fff6d6', { opacity: 0.35 }), circle(sx, sy, 42, '#ffe9a8'))
  }
  const clouds = r.int(2, 4)
  for (let i = 0; i < clouds; i++)
    c.add(cloud(r.range(60 + i * (1080 / clouds), (i + 1) * (1080 / clouds)), r.range(60, Math.min(220, bottom - 120)), r.range(0.6, 1.2)))
}

function cloud(x: number, y: number, s: number): string {
  return group([
    circle(x - 34 * s, y + 4 * s, 22 * s, '#fff'),
    circle(x, y - 10 * s, 32 * s, '#fff'),
    circle(x + 36 * s, y + 2 * s, 24 * s, '#fff'),
    rect(x - 56 * s, y + 4 * s, 116 * s, 22 * s, '#fff', 11 * s),
  ], { opacity: 0.85 })
}

/** Rounded tree tops filling the bottom of a window, kept inside [x, x + w] (no clipping needed). */
function windowTrees(r: Rand, x: number, bottom: number, w: number, h: number, green: Hsl): string {
  const bumps = Math.max(2, Math.round(w / 60))
  const bw = w / bumps
  let top = d`M${x} ${bottom}L${x} ${bottom - h * r.range(0.4, 0.7)}`
  for (let i = 0; i < bumps; i++) {
    const peak = bottom - h * r.range(0.75, 1)
    const end = i === bumps - 1
      ? bottom - h * r.range(0.4, 0.7)
      : bottom - h * r.range(0.45, 0.6)
    top += d`Q${x + (i + 0.5) * bw} ${peak - h * 0.35} ${x + (i + 1) * bw} ${end}`
  }
  top += d`L${x + w} ${bottom}Z`
  return group([
    path(top, col(green, 4)),
    path(d`M${x} ${bottom}L${x} ${bottom - h * 0.3}Q${x + w * 0.3} ${bottom - h * 0.55} ${x + w * 0.6} ${bottom - h * 0.3}T${x + w} ${bottom - h * 0.35}L${x + w} ${bottom}Z`, col(green, -6)),
  ])
}

function skyline(c: Canvas, baseY: number, tint: string, count: number): void {
  const { r } = c
  let x = r.range(-60, 0)
  while (x < VW) {
    const w = r.range(70, 150)
    const h = r.range(80, 230)
    const top = baseY - h
    const parts = [
      rect(x, top, w, h, tint),
    ]
    if (r.chance(0.6)) {
      for (let yy = top + 18; yy < baseY - 14; yy += 22)
        parts.push(rect(x + 10, yy, w - 20, 8, '#fff', undefined, { opacity: 0.22 }))
    }
    else {
      for (let xx = x + 12; xx < x + w - 12; xx += 24)
        parts.push(rect(xx, top + 14, 10, h - 24, '#fff', undefined, { opacity: 0.2 }))
    }
    c.add(group(parts))
    x += w + r.range(4, 40) * (count > 6
      ? 0.5
      : 1)
  }
}

function tree(r: Rand, x: number, y: number, h: number, green: Hsl, kind: 'round' | 'tall' | 'pine' = 'round'): string {
  const trunk = '#8a6446'
  const g = [green[0] + r.range(-12, 12), green[1], green[2] + r.range(-6, 6)] as const
  const shadow = ellipse(x, y, h * 0.22, h * 0.04, '#000', { opacity: 0.1 })
  if (kind === 'pine') {
    return group([
      shadow,
      rect(x - h * 0.035, y - h * 0.25, h * 0.07, h * 0.25, trunk),
      polygon([
        x,
        y - h,
        x + h * 0.22,
        y - h * 0.55,
        x - h * 0.22,
        y - h * 0.55,
      ], col(g, 4)),
      polygon([
        x,
        y - h * 0.8,
        x + h * 0.3,
        y - h * 0.22,
        x - h * 0.3,
        y - h * 0.22,
      ], col(g, -4)),
      polygon([
        x,
        y - h * 0.8,
        x + h * 0.3,
        y - h * 0.22,
        x,
        y - h * 0.22,
      ], col(g, -10), { opacity: 0.5 }),
    ])
  }
  if (kind === 'tall') {
    return group([
      shadow,
      rect(x - h * 0.03, y - h * 0.3, h * 0.06, h * 0.3, trunk),
      ellipse(x, y - h * 0.6, h * 0.17, h * 0.4, col(g)),
      ellipse(x + h * 0.05, y - h * 0.55, h * 0.1, h * 0.3, col(g, -7), { opacity: 0.6 }),
    ])
  }
  return group([
    shadow,
    path(d`M${x - h * 0.045} ${y}L${x - h * 0.03} ${y - h * 0.5}L${x + h * 0.03} ${y - h * 0.5}L${x + h * 0.045} ${y}Z`, trunk),
    circle(x - h * 0.17, y - h * 0.5, h * 0.2, col(g, -5)),
    circle(x + h * 0.18, y - h * 0.52, h * 0.21, col(g, -8)),
    circle(x, y - h * 0.7, h * 0.27, col(g)),
    circle(x - h * 0.08, y - h * 0.78, h * 0.13, col(g, 8), { opacity: 0.7 }),
  ])
}

function bush(r: Rand, x: number, y: number, w: number, green: Hsl, flowers: boolean): string {
  const parts = [
    ellipse(x, y - w * 0.05, w * 0.55, w * 0.12, '#000', { opacity: 0.08 }),
    circle(x - w * 0.28, y - w * 0.2, w * 0.24, col(green, -6)),
    circle(x + w * 0.28, y - w * 0.2, w * 0.24, col(green, -8)),
    circle(x, y - w * 0.3, w * 0.3, col(green, 2)),
  ]
  if (flowers) {
    const fc = r.pick([
      '#f6a6b8',
      '#ffd166',
      '#ffffff',
      '#f08a5d',
      '#c7a4f0',
    ])
    for (let i = 0; i < 6; i++)
      parts.push(circle(x + r.range(-0.45, 0.45) * w, y - r.range(0.12, 0.5) * w, w * 0.045, fc))
  }
  return group(parts)
}

function bunting(c: Canvas, x1: number, x2: number, y: number, sag: number, colors: readonly string[]): void {
  const count = Math.floor((x2 - x1) / 46)
  const parts = [
    line(d`M${x1} ${y}Q${(x1 + x2) / 2} ${y + sag * 2} ${x2} ${y}`, '#7a6a5a', 2),
  ]
  for (let i = 0; i < count; i++) {
    const t = (i + 0.5) / count
    const px = x1 + (x2 - x1) * t
    const py = y + sag * 4 * t * (1 - t)
    parts.push(polygon([px - 15, py, px + 15, py, px, py + 32], colors[i % colors.length] as string))
  }
  c.add(group(parts))
}

function heart(cx: number, cy: number, s: number, fill: string): string {
  return path(d`M${cx} ${cy + s * 0.42}C${cx - s * 1.1} ${cy - s * 0.25} ${cx - s * 0.5} ${cy - s * 1.05} ${cx} ${cy - s * 0.45}C${cx + s * 0.5} ${cy - s * 1.05} ${cx + s * 1.1} ${cy - s * 0.25} ${cx} ${cy + s * 0.42}Z`, fill)
}

function shieldCheck(cx: number, cy: number, s: number, fill: string): string {
  return group([
    path(d`M${cx} ${cy - s}L${cx + s * 0.8} ${cy - s * 0.68}L${cx + s * 0.8} ${cy}C${cx + s * 0.8} ${cy + s * 0.6} ${cx + s * 0.35} ${cy + s * 0.95} ${cx} ${cy + s * 1.1}C${cx - s * 0.35} ${cy + s * 0.95} ${cx - s * 0.8} ${cy + s * 0.6} ${cx - s * 0.8} ${cy}L${cx - s * 0.8} ${cy - s * 0.68}Z`, fill),
    line(d`M${cx - s * 0.36} ${cy + s * 0.05}L${cx - s * 0.08} ${cy + s * 0.34}L${cx + s * 0.4} ${cy - s * 0.24}`, '#fff', s * 0.18),
  ])
}

/** Outdoor paving: a warm light ground with a few perspective joints. */
function plaza(c: Canvas, top: number): void {
  const { p, r } = c
  c.add(rect(0, top, VW, VH - top, c.gradient([
    [
      0,
      col(p.ground, 4),
    ],
    [
      1,
      col(p.ground, -6),
    ],
  ])))
  const joints: string[] = []
  for (let yy = top + 18, step = 14; yy < VH; yy += step, step *= 1.35)
    joints.push(d`M0 ${yy}L${VW} ${yy}`)
  const vx = r.range(500, 700)
  for (let i = -8; i <= 8; i++)
    joints.push(d`M${vx + i * 70} ${top}L${vx + i * 260} ${VH}`)
  c.add(line(joints.join(''), '#fff', 2, { opacity: 0.35 }))
}

function grass(c: Canvas, top: number): void {
  const { p } = c
  c.add(rect(0, top, VW, VH - top, c.gradient([
    [
      0,
      col(p.green, 16, -8),
    ],
    [
      1,
      col(p.green, 4),
    ],
  ])))
}

function bezier(pts: ReadonlyArray<readonly [number, number]>, t: number): [number, number] {
  const [a, b, c, e] = pts as [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]]
  const m = 1 - t
  const f = (i: 0 | 1): number => m * m * m * a[i] + 3 * m * m * t * b[i] + 3 * m * t * t * c[i] + t * t * t * e[i]
  return [
    f(0),
    f(1),
  ]
}

function sizeAt(y: number, y0: number, h0: number, y1: number, h1: number): number {
  return h0 + (h1 - h0) * (y - y0) / (y1 - y0)
}

// ---------------------------------------------------------------------------------------------------------------
// Scenes

function gathering(c: Canvas): void {
  const { p, r } = c
  const horizon = 470
  sky(c, horizon + 10)
  skyline(c, horizon, col(p.accent3, 22, -40), 7)
  for (let x = r.range(-40, 40); x < VW + 60; x += r.range(110, 170)) {
    c.add(tree(r, x, horizon + r.range(0, 20), r.range(170, 240), p.green, r.chance(0.25)
      ? 'tall'
      : 'round'))
  }
  plaza(c, horizon)
  c.add(rect(0, horizon - 6, VW, 16, col(p.green, -4)))
  bunting(c, -20, 1220, 40, 30, [
    col(p.accent),
    col(p.accent2),
    col(p.accent3),
    '#fff1c1',
  ])
  c.add(bush(r, 90, 640, 170, p.green, true), bush(r, 1110, 650, 180, p.green, true))

  const depth = new Depth()
  const rows = [
    {
      y: 600,
      count: r.int(4, 6),
    },
    {
      y: 690,
      count: r.int(3, 5),
    },
  ]
  if (r.chance(0.5)) {
    rows.push({
      y: 770,
      count: 1,
    })
  }
  const flagColor = col(p.accent)
  for (const row of rows) {
    const spacing = Math.min(130, 640 / row.count)
    const start = 600 - spacing * (row.count - 1) / 2
    for (let i = 0; i < row.count; i++) {
      const y = row.y + r.range(-14, 14)
      const x = start + i * spacing + r.range(-18, 18)
      const h = sizeAt(y, 600, 230, 770, 320)
      const pose = r.pick(['down', 'down', 'wave', 'hold', 'give'] as const)
      const person = randomPerson(r, x, y, h, {
        pose,
        dir: x < 600
          ? 1
          : -1,
        item: pose === 'hold'
          ? 'leaflet'
          : pose === 'wave' && r.chance(0.5)
            ? 'flag'
            : 'none',
        itemColor: flagColor,
      })
      if (person.pose === 'hold')
        person.item = 'brochure'
      depth.add(y, () => drawPerson(person))
    }
  }
  depth.flush(c)
}

function lecture(c: Canvas): void {
  const { p, r } = c
  const wall: Hsl = [
    r.range(20, 60),
    r.range(20, 40),
    r.range(88, 93),
  ]
  const floorY = 540
  c.add(rect(0, 0, VW, floorY, c.gradient([
    [
      0,
      col(wall, 2),
    ],
    [
      1,
      col(wall, -4),
    ],
  ])))
  c.add(rect(0, floorY - 70, VW, 70, col(wall, -10, -5)), rect(0, floorY - 74, VW, 6, col(wall, -18)))
  const floor: Hsl = r.chance(0.5)
    ? [
        r.range(20, 35),
        35,
        58,
      ]
    : [
        r.range(190, 230),
        22,
        46,
      ]
  c.add(rect(0, floorY, VW, VH - floorY, c.gradient([
    [
      0,
      col(floor, 6),
    ],
    [
      1,
      col(floor, -6),
    ],
  ])))

  // Side window with a view
  const winX = r.chance(0.5)
    ? 40
    : 1040
  c.add(rect(winX - 8, 80, 136, 300, '#fff'), rect(winX, 88, 120, 284, c.gradient([
    [0, p.skyTop],
    [1, p.skyBottom],
  ])))
  c.add(windowTrees(r, winX, 372, 120, 110, p.green), rect(winX + 58, 86, 4, 290, '#fff'))

  // Screen with a chart and a credit shield
  const sx = r.range(470, 520)
  const sw = 500
  const sy = 70
  const sh = 320
  c.add(rect(sx - 10, sy - 10, sw + 20, sh + 20, '#3d4350', 8), rect(sx, sy, sw, sh, '#fbfcfd'))
  c.add(rect(sx + 24, sy + 22, sw - 48, 34, col(p.accent), 6), rect(sx + 40, sy + 33, 160, 12, '#fff', 6, { opacity: 0.8 }))
  const bars = r.int(4, 6)
  let bh = r.range(40, 70)
  for (let i = 0; i < bars; i++) {
    bh = Math.min(190, bh + r.range(5, 40))
    c.add(rect(sx + 40 + i * 44, sy + 290 - bh, 30, bh, i % 2 === 0
      ? col(p.accent2)
      : col(p.accent2, 16), 4))
  }
  c.add(rect(sx + 32, sy + 290, bars * 44 + 10, 3, '#9aa3ad'))
  c.add(c.upright(sx + sw - 110, shieldCheck(sx + sw - 110, sy + 160, 72, col(p.accent3))))
  c.add(rect(sx + sw - 180, sy + 262, 140, 10, '#cfd6dd', 5), rect(sx + sw - 170, sy + 282, 120, 10, '#dfe4e9', 5))

  // Plant in the corner
  const plantX = winX < 600
    ? 1130
    : 70
  c.add(rect(plantX - 28, floorY - 60, 56, 66, '#c77d52', 6))
  for (let i = 0; i < 5; i++)
    c.add(ellipse(plantX + (i - 2) * 14, floorY - 100 - (i % 2) * 20, 14, 44, col(p.green, (i % 3) * 5), { transform: `rotate(${n((i - 2) * 18)} ${n(plantX + (i - 2) * 14)} ${n(floorY - 80)})` }))

  // Speaker and lectern
  const left = sx - 150
  const speaker = randomPerson(r, left, 590, 300, {
    pose: 'point',
    dir: 1,
    glasses: r.chance(0.3),
  })
  c.add(drawPerson(speaker))
  const lx = left - 130
  c.add(path(d`M${lx - 70} ${430}L${lx + 70} ${430}L${lx + 55} ${600}L${lx - 55} ${600}Z`, col(p.accent, -12, -10)))
  c.add(rect(lx - 80, 418, 160, 18, col(p.accent, -22, -10), 4), circle(lx, 500, 26, '#fff', { opacity: 0.85 }), heart(lx, 502, 18, col(p.accent)))
  c.add(line(d`M${lx + 20} ${418}L${lx + 34} ${380}`, '#333', 4), ellipse(lx + 36, 376, 6, 9, '#333'))

  // Audience rows, seen from behind, on chairs
  const chair = col([
    r.range(0, 360),
    35,
    40,
  ])
  const rows = [
    { y: 610, u: 2.3 },
    { y: 700, u: 2.7 },
    { y: 800, u: 3.1 },
  ]
  for (const row of rows) {
    const spacing = row.u * 40
    const offset = r.range(0, spacing)
    for (let x = -spacing + offset; x < VW + spacing; x += spacing) {
      if (r.chance(0.85))
        c.add(drawBackPerson(r, x, row.y, row.u))
      c.add(rect(x - 16 * row.u, row.y + 10 * row.u, 32 * row.u, 26 * row.u, chair, 4 * row.u))
    }
  }
}

function canopy(c: Canvas, x1: number, x2: number, top: number, color: Hsl, stripes: boolean): void {
  const mid = (x1 + x2) / 2
  const postColor = '#d9dde2'
  c.add(rect(x1 + 6, top + 30, 10, 380, postColor), rect(x2 - 16, top + 30, 10, 380, postColor))
  c.add(polygon([
    x1 - 20,
    top + 70,
    mid,
    top - 20,
    x2 + 20,
    top + 70,
  ], col(color)))
  c.add(polygon([
    mid,
    top - 20,
    x2 + 20,
    top + 70,
    mid,
    top + 70,
  ], col(color, -8), { opacity: 0.6 }))
  const scallops = 10
  const w = (x2 - x1 + 40) / scallops
  let edge = d`M${x1 - 20} ${top + 70}L${x1 - 20} ${top + 102}`
  for (let i = 0; i < scallops; i++)
    edge += d`A${w / 2} ${w / 2.6} 0 0 0 ${x1 - 20 + (i + 1) * w} ${top + 102}`
  edge += d`L${x2 + 20} ${top + 70}Z`
  c.add(path(edge, col(color, -4)))
  if (stripes) {
    for (let i = 0; i < scallops; i += 2)
      c.add(rect(x1 - 20 + i * w, top + 70, w, 32, '#fff', undefined, { opacity: 0.85 }))
  }
}

function volunteer(c: Canvas): void {
  const { p, r } = c
  const horizon = 450
  sky(c, horizon + 10)
  skyline(c, horizon, col(p.accent3, 24, -42), 5)
  for (let x = r.range(-40, 40); x < VW + 60; x += r.range(140, 220))
    c.add(tree(r, x, horizon + 10, r.range(160, 230), p.green))
  plaza(c, horizon)

  const vest = p.accent
  const x1 = r.range(260, 330)
  const x2 = x1 + r.range(560, 620)
  canopy(c, x1, x2, 150, p.accent2, r.chance(0.5))
  c.add(rect((x1 + x2) / 2 - 110, 260, 220, 60, '#fff', 10, { opacity: 0.9 }), heart((x1 + x2) / 2 - 70, 292, 26, col(vest)), rect((x1 + x2) / 2 - 30, 278, 110, 10, col(vest, -10), 5), rect((x1 + x2) / 2 - 30, 298, 80, 8, '#b7bec6', 4))

  // Volunteers behind the table
  const depth = new Depth()
  const tableTop = 520
  const tx1 = x1 + 60
  const tx2 = x2 - 60
  const behind = r.int(2, 3)
  for (let i = 0; i < behind; i++) {
    const x = tx1 + (tx2 - tx1) * (i + 0.5) / behind + r.range(-20, 20)
    const person = randomPerson(r, x, 640, 260, {
      vest,
      cap: r.chance(0.4)
        ? col(vest, -6)
        : undefined,
      pose: r.chance(0.5)
        ? 'give'
        : 'wave',
      dir: r.chance(0.5)
        ? 1
        : -1,
      item: 'leaflet',
      itemColor: col(p.accent2),
    })
    if (person.pose === 'wave')
      person.item = 'none'
    c.add(drawPerson(person))
  }
  c.add(rect(tx1 - 10, tableTop, tx2 - tx1 + 20, 14, '#f3efe8', 3), rect(tx1, tableTop + 12, tx2 - tx1, 120, col(p.accent2, -4), 4))
  c.add(rect((tx1 + tx2) / 2 - 70, tableTop + 40, 140, 50, '#fff', 8, { opacity: 0.85 }), heart((tx1 + tx2) / 2, tableTop + 68, 20, col(vest)))
  for (let i = 0; i < 4; i++) {
    const lx = tx1 + 30 + i * ((tx2 - tx1 - 80) / 3)
    const color = [
      col(p.accent),
      col(p.accent3),
      '#ffffff',
      col(p.accent2, 15),
    ][i % 4] as string
    c.add(rect(lx, tableTop - 10, 48, 12, '#e7e2d8', 2), rect(lx + 2, tableTop - 18, 48, 12, '#fff', 2), rect(lx + 2, tableTop - 18, 48, 5, color))
  }

  // A volunteer in front handing leaflets to residents, in a loose row of evenly spaced slots
  const residents = r.int(2, 3)
  const slots = residents + 1
  const leftToRight = r.chance(0.5)
  const slotX = (i: number): number => 170 + (i + 0.5) * (860 / slots) + r.range(-25, 25)
  const frontIndex = leftToRight
    ? 0
    : slots - 1
  const frontDir = leftToRight
    ? 1
    : -1
  for (let i = 0; i < slots; i++) {
    const x = slotX(i)
    const y = r.range(700, 770)
    const h = sizeAt(y, 700, 285, 770, 320)
    let person: Person
    if (i === frontIndex) {
      person = randomPerson(r, x, y, h, {
        vest,
        pose: 'give',
        dir: frontDir,
        item: 'leaflet',
        itemColor: col(p.accent3),
      })
    }
    else {
      const facing = frontDir === 1
        ? -1
        : 1
      const pose = r.pick(['give', 'down', 'hold'] as const)
      const maker = r.chance(0.3)
        ? elderPerson
        : randomPerson
      person = maker(r, x, y, h, {
        pose,
        dir: facing,
        item: 'leaflet',
        itemColor: col(p.accent2),
      })
      if (pose === 'hold') {
        person.item = 'brochure'
      }
      else if (pose === 'down') {
        person.item = r.chance(0.5)
          ? 'bag'
          : 'none'
        person.itemColor = col(p.accent3, -5)
      }
    }
    depth.add(y, () => drawPerson(person))
  }
  depth.flush(c)
}

function award(c: Canvas): void {
  const { p, r } = c
  const deep: Hsl = r.chance(0.55)
    ? [
        r.range(350, 362),
        58,
        34,
      ]
    : [
        r.range(212, 232),
        55,
        32,
      ]
  c.add(rect(0, 0, VW, VH, c.gradient([
    [
      0,
      col(deep, -8),
    ],
    [
      1,
      col(deep, 8),
    ],
  ])))
  for (let i = 0; i < 7; i++) {
    const a = -0.9 + i * 0.3
    c.add(polygon([
      600,
      -40,
      600 + Math.sin(a - 0.08) * 1400,
      900,
      600 + Math.sin(a + 0.08) * 1400,
      900,
    ], '#fff', { opacity: 0.05 }))
  }
  // Emblem on the backdrop
  c.add(circle(600, 200, 92, 'none', { 'stroke': '#f2c94c', 'stroke-width': 8, 'opacity': 0.85 }))
  const star: number[] = []
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0
      ? 62
      : 26
    const a = -Math.PI / 2 + i * Math.PI / 5
    star.push(600 + Math.cos(a) * rr, 202 + Math.sin(a) * rr)
  }
  c.add(polygon(star, '#f2c94c'))
  c.add(rect(330, 330, 540, 18, '#fff', 9, { opacity: 0.18 }), rect(400, 362, 400, 14, '#fff', 7, { opacity: 0.12 }))
  const flags = [
    col(p.accent, 6),
    '#f2c94c',
    col(p.accent2, 6),
    '#ffffff',
    col(p.accent3, 6),
  ]
  bunting(c, -20, 640, 20, 40, flags)
  bunting(c, 560, 1220, 20, 40, flags)

  // Stage
  const stageTop = 560
  c.add(rect(0, stageTop, VW, 80, c.gradient([
    [0, '#c49a6c'],
    [1, '#a87d52'],
  ])), rect(0, stageTop + 80, VW, VH - stageTop - 80, '#5b3b2a'))
  c.add(rect(0, stageTop + 80, VW, 10, '#f2c94c', undefined, { opacity: 0.7 }))

  // Lectern
  const lx = r.chance(0.5)
    ? 1060
    : 140
  c.add(path(d`M${lx - 70} ${420}L${lx + 70} ${420}L${lx + 55} ${610}L${lx - 55} ${610}Z`, '#8b5a3c'), rect(lx - 80, 408, 160, 18, '#6e452d', 4))
  c.add(circle(lx, 500, 30, '#f2c94c'), circle(lx, 500, 22, col(deep, 10)))
  c.add(line(d`M${lx} ${408}L${lx + (lx < 600
    ? 16
    : -16)} ${360}`, '#333', 4), ellipse(lx + (lx < 600
    ? 17
    : -17), 355, 6, 9, '#333'))

  // Awardees in a row, holding certificates
  const count = r.int(3, 5)
  const span = 620
  const startX = (lx < 600
    ? 640
    : 560) - span / 2
  const bouquet = r.int(0, count - 1)
  for (let i = 0; i < count; i++) {
    const x = startX + span * (count === 1
      ? 0.5
      : i / (count - 1)) + r.range(-15, 15)
    const person = randomPerson(r, x, 610 + r.range(-6, 6), r.range(270, 295), {
      pose: 'hold',
      item: i === bouquet
        ? 'flowers'
        : 'certificate',
      itemColor: r.chance(0.7)
        ? '#c8102e'
        : '#ffffff',
    })
    if (person.item === 'certificate' && person.itemColor === '#ffffff')
      person.itemColor = '#fdf6e3'
    c.add(drawPerson(person))
  }
  // Flowers along the stage front
  for (let x = 40; x < VW; x += 140)
    c.add(bush(r, x + r.range(-10, 10), stageTop + 96, 90, [120, 45, 38], true))
  // Audience heads in the foreground
  const audienceU = 3.2
  for (let x = r.range(-40, 20); x < VW + 60; x += audienceU * 38 + r.range(0, 30)) {
    if (r.chance(0.8))
      c.add(drawBackPerson(r, x, 770 + r.range(-8, 8), audienceU))
  }
  // Confetti
  const confetti = [
    '#f2c94c',
    '#ffffff',
    col(p.accent, 10),
    col(p.accent2, 10),
    col(p.accent3, 10),
  ]
  for (let i = 0; i < 36; i++) {
    const x = r.range(20, 1180)
    const y = r.range(20, 520)
    const color = r.pick(confetti)
    c.add(r.chance(0.5)
      ? rect(x, y, 10, 5, color, 1, { transform: `rotate(${n(r.range(0, 180))} ${n(x)} ${n(y)})`, opacity: 0.9 })
      : circle(x, y, 4, color, { opacity: 0.9 }))
  }
}

function featherFlag(x: number, y: number, h: number, color: string, band: string): string {
  return group([
    line(d`M${x} ${y}L${x} ${y - h}`, '#8d949c', 5),
    path(d`M${x + 2} ${y - h}C${x + 60} ${y - h - 10} ${x + 70} ${y - h + 60} ${x + 60} ${y - h * 0.3}L${x + 2} ${y - h * 0.25}Z`, color),
    path(d`M${x + 2} ${y - h * 0.55}L${x + 63} ${y - h * 0.58}L${x + 61} ${y - h * 0.48}L${x + 2} ${y - h * 0.45}Z`, band),
  ])
}

function booth(c: Canvas): void {
  const { p, r } = c
  const horizon = 470
  const bx = r.range(380, 420)
  sky(c, horizon + 10, [bx - 170, bx + 610])
  skyline(c, horizon, col(p.accent3, 20, -38), 8)
  for (let x = r.range(-60, 0); x < VW + 60; x += r.range(260, 360))
    c.add(tree(r, x, horizon + 15, r.range(190, 250), p.green, 'tall'))
  plaza(c, horizon)

  const bw = 440
  // Backdrop board
  c.add(rect(bx + 10, 190, 14, 400, '#9aa1a9'), rect(bx + bw - 24, 190, 14, 400, '#9aa1a9'))
  c.add(rect(bx, 180, bw, 300, '#fdfcf9', 10), rect(bx, 180, bw, 70, col(p.accent), 10), rect(bx, 230, bw, 20, col(p.accent)))
  c.add(rect(bx + 30, 205, 200, 20, '#fff', 10, { opacity: 0.8 }))
  c.add(c.upright(bx + 110, shieldCheck(bx + 110, 360, 66, col(p.accent2))))
  for (let i = 0; i < 4; i++) {
    c.add(rect(bx + 210, 300 + i * 34, [180, 150, 190, 120][i] as number, 16, i === 0
      ? col(p.accent3)
      : '#d6dbe0', 8))
  }
  c.add(path(d`M${bx} ${440}Q${bx + bw / 2} ${400} ${bx + bw} ${440}L${bx + bw} ${470}Q${bx + bw} ${480} ${bx + bw - 10} ${480}L${bx + 10} ${480}Q${bx} ${480} ${bx} ${470}Z`, col(p.accent2, 10)))

  // Flags and balloons
  const flagColors = [
    col(p.accent),
    col(p.accent2),
    col(p.accent3),
  ]
  c.add(featherFlag(bx - 120, 620, 360, r.pick(flagColors), '#fff'), featherFlag(bx + bw + 60, 620, 340, r.pick(flagColors), '#fff'))
  for (const side of [bx + 6, bx + bw - 6]) {
    for (let i = 0; i < 3; i++) {
      const bx2 = side + (i - 1) * 30 + r.range(-6, 6)
      const by = 130 + (i % 2) * 26 + r.range(-8, 8)
      const color = r.pick([
        '#ff8fa3',
        '#ffd166',
        '#7fd1ae',
        '#8ecae6',
        col(p.accent, 10),
      ])
      c.add(line(d`M${bx2} ${by + 36}Q${side - 8} ${by + 70} ${side} ${190}`, '#9aa1a9', 1.5), ellipse(bx2, by, 26, 32, color), ellipse(bx2 - 8, by - 12, 6, 9, '#fff', { opacity: 0.5 }))
    }
  }

  // Staff behind the table
  const staff = r.int(1, 2)
  for (let i = 0; i < staff; i++) {
    const x = bx + bw * (i + 1) / (staff + 1) + r.range(-20, 20)
    c.add(drawPerson(randomPerson(r, x, 660, 250, {
      top: p.accent2,
      pose: r.pick(['give', 'wave', 'down'] as const),
      item: 'leaflet',
      itemColor: col(p.accent),
    })))
  }
  const tableTop = 560
  c.add(rect(bx - 20, tableTop, bw + 40, 14, '#f3efe8', 3), rect(bx - 10, tableTop + 12, bw + 20, 110, col(p.accent, -6), 4))
  c.add(rect(bx + bw / 2 - 100, tableTop + 40, 200, 14, '#fff', 7, { opacity: 0.8 }), rect(bx + bw / 2 - 70, tableTop + 66, 140, 10, '#fff', 5, { opacity: 0.6 }))
  c.add(rect(bx + 30, tableTop - 50, 40, 50, '#fff', 3), rect(bx + 30, tableTop - 50, 40, 14, col(p.accent3)))
  c.add(rect(bx + bw - 110, tableTop - 36, 70, 36, col(p.accent2, 10), 4), path(d`M${bx + bw - 96} ${tableTop - 36}Q${bx + bw - 75} ${tableTop - 62} ${bx + bw - 54} ${tableTop - 36}`, 'none', {
    'stroke': col(p.accent2, -10),
    'stroke-width': 4,
  }))

  // Visitors, in slots that leave the staff in view
  const depth = new Depth()
  const slots = r.shuffle([130, 280, 430, 790, 940, 1080]).slice(0, r.int(3, 4))
  for (const slot of slots) {
    const x = slot + r.range(-20, 20)
    const y = r.range(700, 780)
    const h = sizeAt(y, 700, 280, 780, 320)
    const child = r.chance(0.15)
    const person = randomPerson(r, x, y, child
      ? h * 0.62
      : h, {
      pose: r.pick(['down', 'give', 'hold', 'wave'] as const),
      dir: x < 600
        ? 1
        : -1,
      item: 'leaflet',
      itemColor: col(p.accent),
    })
    if (person.pose === 'down') {
      person.item = r.chance(0.6)
        ? 'bag'
        : 'none'
    }
    if (person.pose === 'hold')
      person.item = 'brochure'
    if (person.pose === 'wave')
      person.item = 'none'
    if (person.item === 'bag')
      person.itemColor = col(p.accent3, 8)
    depth.add(y, () => drawPerson(person))
  }
  depth.flush(c)
}

function shikumen(c: Canvas, x: number, w: number, base: number, wall: Hsl, brick: Hsl, shutter: string): void {
  const { r } = c
  const top = base - 290
  const stone = '#e6dccb'
  const roof = '#4b4f57'
  const parts: string[] = []
  parts.push(polygon([
    x - 12,
    top + 4,
    x + w + 12,
    top + 4,
    x + w - 16,
    top - 46,
    x + 16,
    top - 46,
  ], roof))
  parts.push(rect(x + 14, top - 50, w - 28, 8, '#5f646d', 3))
  if (r.chance(0.55)) {
    const dx = x + r.range(0.3, 0.55) * w
    parts.push(rect(dx, top - 66, 70, 56, '#d8d2c6'), polygon([
      dx - 8,
      top - 64,
      dx + 35,
      top - 92,
      dx + 78,
      top - 64,
    ], roof), rect(dx + 14, top - 56, 42, 36, '#3e4a5a'), rect(dx + 33, top - 56, 4, 36, '#d8d2c6'))
  }
  parts.push(rect(x, top, w, base - top, col(wall)))
  parts.push(rect(x, top, w, 14, stone), rect(x, base - 150, w, 10, col(brick)), rect(x, top + 14, 10, base - top - 14, col(brick, -4)), rect(x + w - 10, top + 14, 10, base - top - 14, col(brick, -4)))
  // Brick coursing
  const courses: string[] = []
  for (let yy = top + 30; yy < base; yy += 16)
    courses.push(d`M${x + 10} ${yy}L${x + w - 10} ${yy}`)
  parts.push(line(courses.join(''), '#fff', 1.2, { opacity: 0.12 }))

  // Upper windows with shutters
  const wins = w > 200
    ? 2
    : 1
  for (let i = 0; i < wins; i++) {
    const wx = x + w * (i + 1) / (wins + 1) - 30
    parts.push(rect(wx - 4, top + 32, 68, 86, stone), rect(wx, top + 36, 60, 78, '#40546b'), rect(wx + 6, top + 42, 22, 66, '#8fb3cf'), rect(wx + 32, top + 42, 22, 66, '#8fb3cf'))
    parts.push(rect(wx + 8, top + 44, 8, 40, '#fff', undefined, { opacity: 0.35 }))
    if (r.chance(0.5))
      parts.push(rect(wx - 20, top + 36, 16, 78, shutter), rect(wx + 64, top + 36, 16, 78, shutter))
    else
      parts.push(line(d`M${wx - 10} ${top + 118}L${wx + 70} ${top + 118}M${wx - 10} ${top + 104}L${wx + 70} ${top + 104}`, '#3a3a3a', 3))
  }

  // Stone door frame, pediment and black lacquered doors
  const cx = x + w / 2
  const dw = 70
  const doorTop = base - 135
  parts.push(rect(cx - dw / 2 - 16, doorTop - 10, dw + 32, 145, stone))
  const ped = r.int(0, 2)
  if (ped === 0) {
    parts.push(path(d`M${cx - dw / 2 - 24} ${doorTop - 8}A${dw / 2 + 24} ${dw / 2 + 10} 0 0 1 ${cx + dw / 2 + 24} ${doorTop - 8}Z`, stone), path(d`M${cx - 26} ${doorTop - 14}A26 20 0 0 1 ${cx + 26} ${doorTop - 14}Z`, col(brick, -6)))
  }
  else if (ped === 1) {
    parts.push(polygon([
      cx - dw / 2 - 26,
      doorTop - 8,
      cx,
      doorTop - 56,
      cx + dw / 2 + 26,
      doorTop - 8,
    ], stone), polygon([
      cx - 24,
      doorTop - 16,
      cx,
      doorTop - 38,
      cx + 24,
      doorTop - 16,
    ], col(brick, -6)))
  }
  else {
    parts.push(rect(cx - dw / 2 - 26, doorTop - 40, dw + 52, 32, stone, 4), rect(cx - 30, doorTop - 32, 60, 16, col(brick, -6), 3))
  }
  parts.push(rect(cx - dw / 2, doorTop, dw, 135, '#2b2624'), rect(cx - 1.5, doorTop, 3, 135, '#4a423d'))
  parts.push(circle(cx - 10, doorTop + 66, 4, '#d4a84b'), circle(cx + 10, doorTop + 66, 4, '#d4a84b'))
  // Ground-floor side windows
  for (const side of [-1, 1]) {
    const wx = cx + side * (w / 2 - 50) - 22
    if (Math.abs(wx + 22 - cx) > dw / 2 + 40)
      parts.push(rect(wx - 4, base - 116, 52, 60, stone), rect(wx, base - 112, 44, 52, '#8fb3cf'), rect(wx + 20, base - 112, 4, 52, stone))
  }
  c.add(group(parts))
}

function car(x: number, y: number, s: number, color: Hsl): string {
  const body = col(color)
  const glass = '#bfd8ea'
  return group([
    ellipse(x + 140 * s, y, 150 * s, 10 * s, '#000', { opacity: 0.18 }),
    path(d`M${x + 60 * s} ${y - 70 * s}L${x + 96 * s} ${y - 118 * s}Q${x + 100 * s} ${y - 122 * s} ${x + 108 * s} ${y - 122 * s}L${x + 200 * s} ${y - 122 * s}Q${x + 210 * s} ${y - 122 * s} ${x + 216 * s} ${y - 116 * s}L${x + 250 * s} ${y - 70 * s}Z`, body),
    path(d`M${x + 82 * s} ${y - 74 * s}L${x + 106 * s} ${y - 110 * s}L${x + 148 * s} ${y - 110 * s}L${x + 148 * s} ${y - 74 * s}Z`, glass),
    path(d`M${x + 158 * s} ${y - 74 * s}L${x + 158 * s} ${y - 110 * s}L${x + 204 * s} ${y - 110 * s}L${x + 228 * s} ${y - 74 * s}Z`, glass),
    rect(x, y - 80 * s, 280 * s, 58 * s, body, 18 * s),
    rect(x + 10 * s, y - 56 * s, 260 * s, 6 * s, col(color, 12), 3 * s),
    rect(x + 262 * s, y - 70 * s, 16 * s, 10 * s, '#fff3b0', 4 * s),
    rect(x + 2 * s, y - 70 * s, 12 * s, 10 * s, '#e05a47', 4 * s),
    circle(x + 64 * s, y - 22 * s, 24 * s, '#2f3136'),
    circle(x + 64 * s, y - 22 * s, 11 * s, '#c9ced4'),
    circle(x + 218 * s, y - 22 * s, 24 * s, '#2f3136'),
    circle(x + 218 * s, y - 22 * s, 11 * s, '#c9ced4'),
  ])
}

function bicycle(x: number, y: number, s: number, color: string): string {
  const wheel = { 'stroke': '#3a3d42', 'stroke-width': 4 * s }
  return group([
    ellipse(x, y, 60 * s, 5 * s, '#000', { opacity: 0.15 }),
    circle(x - 34 * s, y - 22 * s, 21 * s, 'none', wheel),
    circle(x + 34 * s, y - 22 * s, 21 * s, 'none', wheel),
    line(d`M${x - 34 * s} ${y - 22 * s}L${x - 2 * s} ${y - 22 * s}L${x - 12 * s} ${y - 56 * s}M${x - 2 * s} ${y - 22 * s}L${x + 24 * s} ${y - 52 * s}L${x + 34 * s} ${y - 22 * s}M${x - 34 * s} ${y - 22 * s}L${x - 12 * s} ${y - 50 * s}L${x + 22 * s} ${y - 50 * s}M${x + 24 * s} ${y - 52 * s}L${x + 22 * s} ${y - 66 * s}L${x + 12 * s} ${y - 68 * s}`, color, 5 * s),
    rect(x - 22 * s, y - 62 * s, 22 * s, 7 * s, '#333', 3 * s),
    rect(x + 26 * s, y - 66 * s, 22 * s, 16 * s, color, 3 * s),
  ])
}

function streetscape(c: Canvas): void {
  const { p, r } = c
  const base = 560
  sky(c, base)
  // Modern towers far behind the lane houses
  for (let i = 0; i < 4; i++) {
    const tx = r.range(i * 300, i * 300 + 200)
    const th = r.range(250, 380)
    c.add(rect(tx, base - 220 - th + 150, r.range(60, 100), th, col(p.accent3, 26, -45), 4))
  }
  const style = r.int(0, 2)
  const wall: Hsl = style === 0
    ? [
        r.range(200, 220),
        r.range(6, 14),
        r.range(62, 72),
      ] // grey-blue brick
    : style === 1
      ? [
          r.range(8, 16),
          r.range(34, 44),
          r.range(52, 58),
        ] // red brick
      : [
          r.range(32, 42),
          r.range(30, 40),
          r.range(74, 80),
        ] // ochre render
  const brick: Hsl = style === 1
    ? [
        r.range(205, 215),
        8,
        66,
      ]
    : [
        r.range(8, 18),
        r.range(40, 52),
        r.range(46, 54),
      ]
  const shutter = r.pick([
    '#5c7f6a',
    '#7a5a40',
    '#4f6f8a',
    '#6b8f71',
  ])
  let x = r.range(-80, -20)
  const archAt = r.int(1, 2)
  let unit = 0
  while (x < VW) {
    if (unit === archAt) {
      // Lane entrance arch with a blank plaque
      const aw = 150
      c.add(rect(x, base - 330, aw, 330, '#ddd3c1'), rect(x - 8, base - 340, aw + 16, 18, '#cfc3ae', 3))
      c.add(rect(x + 30, base - 310, aw - 60, 42, col(brick, -8), 4), rect(x + 38, base - 302, aw - 76, 26, 'none', 2, { 'stroke': '#e9c46a', 'stroke-width': 3 }))
      c.add(path(d`M${x + 22} ${base}L${x + 22} ${base - 170}A${aw / 2 - 22} ${aw / 2 - 22} 0 0 1 ${x + aw - 22} ${base - 170}L${x + aw - 22} ${base}Z`, '#6d6259'))
      c.add(path(d`M${x + 46} ${base}L${x + 46} ${base - 130}A${aw / 2 - 46} ${aw / 2 - 46} 0 0 1 ${x + aw - 46} ${base - 130}L${x + aw - 46} ${base}Z`, col(p.green, 18, -10), { opacity: 0.7 }))
      x += aw
    }
    else {
      const w = r.range(230, 280)
      shikumen(c, x, w, base, wall, brick, shutter)
      x += w
    }
    unit++
  }
  // Sidewalk and road
  c.add(rect(0, base, VW, 70, '#cfc8bc'), rect(0, base + 66, VW, 10, '#a9a295'))
  c.add(line(Array.from({ length: 16 }, (_, i) => d`M${i * 80 + 20} ${base}L${i * 80} ${base + 66}`).join(''), '#fff', 1.5, { opacity: 0.4 }))
  c.add(rect(0, base + 76, VW, VH - base - 76, c.gradient([
    [0, '#6f747b'],
    [1, '#5b6067'],
  ])))
  c.add(line(Array.from({ length: 8 }, (_, i) => d`M${i * 170 + 20} ${base + 160}L${i * 170 + 110} ${base + 160}`).join(''), '#f1f1f1', 8, { opacity: 0.8 }))

  // Pedestrians, kept clear of the plane-tree trunks
  const depth = new Depth()
  const treeXs = [
    r.range(60, 200),
    r.range(560, 700),
    r.range(1000, 1150),
  ]
  const walkers = r.int(2, 4)
  for (let i = 0; i < walkers; i++) {
    let px = r.range(60 + i * (1080 / walkers), (i + 1) * (1080 / walkers))
    for (const tx of treeXs) {
      if (Math.abs(px - tx) < 60) {
        px = tx + (px < tx
          ? -60
          : 60)
      }
    }
    const py = r.range(base + 40, base + 62)
    const person = r.chance(0.3)
      ? elderPerson(r, px, py, 160, {
          walk: r.range(-1, 1),
        })
      : randomPerson(r, px, py, 165, {
          walk: r.range(-1, 1),
          item: r.chance(0.4)
            ? 'bag'
            : 'none',
          itemColor: col(clothes(r)),
        })
    depth.add(py, () => drawPerson(person))
  }
  // Parked bikes and a passing car
  if (r.chance(0.6)) {
    const bikeColor = r.pick([
      '#f2a33a',
      '#3fa7d6',
      '#f5c542',
      '#e5566b',
    ])
    const bx = r.range(200, 1000)
    const bikes = r.int(2, 3)
    for (let i = 0; i < bikes; i++)
      depth.add(base + 64, () => bicycle(bx + i * 34, base + 66, 1.05, bikeColor))
  }
  if (r.chance(0.75)) {
    const carY = r.chance(0.5)
      ? base + 150
      : base + 220
    const cx = r.range(40, 860)
    depth.add(carY, () => car(cx, carY, carY > base + 180
      ? 1.1
      : 0.9, [
      r.range(0, 360),
      r.range(30, 60),
      r.range(45, 62),
    ]))
  }
  // Plane trees: mottled trunks, canopy across the top
  for (const tx of treeXs) {
    depth.add(base + 64, () => {
      const parts = [
        ellipse(tx, base + 62, 50, 8, '#000', { opacity: 0.15 }),
        path(d`M${tx - 20} ${base + 62}L${tx - 13} ${60}L${tx + 13} ${60}L${tx + 20} ${base + 62}Z`, '#b9ad93'),
      ]
      for (let i = 0; i < 7; i++)
        parts.push(ellipse(tx + r.range(-8, 8), r.range(120, base + 30), r.range(6, 11), r.range(10, 20), r.pick(['#e4dcc6', '#8f8570', '#cfc6ad'])))
      parts.push(line(d`M${tx} ${200}L${tx - 90} ${110}M${tx} ${160}L${tx + 80} ${90}`, '#a89c82', 14))
      return group(parts)
    })
  }
  depth.flush(c)
  const leaf: Hsl = [
    r.range(85, 110),
    r.range(40, 52),
    r.range(38, 46),
  ]
  for (let i = 0; i < 26; i++) {
    const lx = r.range(-40, VW + 40)
    const ly = r.range(-40, 120)
    c.add(ellipse(lx, ly, r.range(60, 110), r.range(40, 70), col(leaf, r.range(-8, 10)), { opacity: 0.96 }))
  }
  for (let i = 0; i < 8; i++)
    c.add(ellipse(r.range(0, VW), r.range(base + 90, VH - 10), r.range(50, 110), r.range(8, 16), '#000', { opacity: 0.1 }))
}

function desk(c: Canvas): void {
  const { p, r } = c
  const wood: Hsl = [
    r.range(22, 34),
    r.range(34, 46),
    r.range(56, 66),
  ]
  c.add(rect(0, 0, VW, VH, c.gradient([
    [
      0,
      col(wood, 4),
    ],
    [
      1,
      col(wood, -4),
    ],
  ], 1, 1)))
  const grain: string[] = []
  for (let i = 0; i < 14; i++) {
    const gy = r.range(0, VH)
    grain.push(d`M-20 ${gy}C${300} ${gy + r.range(-30, 30)} ${800} ${gy + r.range(-30, 30)} ${1220} ${gy + r.range(-20, 20)}`)
  }
  c.add(line(grain.join(''), col(wood, -12), 3, { opacity: 0.35 }))

  // Folder and papers
  const cx = r.range(520, 580)
  const cy = 400
  const rot = r.range(-6, 6)
  c.add(group([
    rect(cx - 250, cy - 330, 500, 660, col(p.accent2, -5), 10),
    rect(cx - 250, cy - 350, 160, 40, col(p.accent2, -5), 8),
  ], { transform: `rotate(${n(rot - 6)} ${n(cx)} ${n(cy)})` }))
  c.add(group([
    rect(cx - 222, cy - 300, 440, 600, '#000', 4, { opacity: 0.12 }),
    rect(cx - 228, cy - 306, 440, 600, '#f6f4ef', 4),
  ], { transform: `rotate(${n(rot + 5)} ${n(cx)} ${n(cy)})` }))
  const paper: string[] = [
    rect(cx - 212, cy - 292, 440, 600, '#000', 4, { opacity: 0.12 }),
    rect(cx - 220, cy - 300, 440, 600, '#fffefb', 4),
  ]
  paper.push(rect(cx - 140, cy - 260, 280, 22, col(p.accent, -5), 11))
  const lines: string[] = []
  let ly = cy - 200
  for (let block = 0; block < 3; block++) {
    const count = r.int(3, 4)
    for (let i = 0; i < count; i++) {
      const w = i === count - 1
        ? r.range(140, 280)
        : r.range(330, 370)
      lines.push(d`M${cx - 180} ${ly}L${cx - 180 + w} ${ly}`)
      ly += 26
    }
    ly += 18
  }
  paper.push(line(lines.join(''), '#c9ced4', 9))
  // A small form box with ticks
  paper.push(rect(cx - 180, ly, 200, 70, 'none', 4, { 'stroke': '#c9ced4', 'stroke-width': 3 }))
  paper.push(c.upright(cx - 80, line(d`M${cx - 165} ${ly + 36}L${cx - 155} ${ly + 47}L${cx - 138} ${ly + 24}M${cx - 70} ${ly + 36}L${cx - 60} ${ly + 47}L${cx - 43} ${ly + 24}`, col(p.accent3), 5)))
  // Signature squiggle and a red seal
  paper.push(line(d`M${cx - 10} ${cy + 255}C${cx + 10} ${cy + 215} ${cx + 30} ${cy + 275} ${cx + 50} ${cy + 240}S${cx + 90} ${cy + 255} ${cx + 120} ${cy + 237}`, '#2c3e66', 4))
  const sealX = cx + 125
  const sealY = cy + 200
  const seal: string[] = [
    circle(sealX, sealY, 56, 'none', { 'stroke': '#d7263d', 'stroke-width': 6 }),
  ]
  const star: number[] = []
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0
      ? 22
      : 9
    const a = -Math.PI / 2 + i * Math.PI / 5
    star.push(sealX + Math.cos(a) * rr, sealY - 4 + Math.sin(a) * rr)
  }
  seal.push(polygon(star, '#d7263d'), line(d`M${sealX - 36} ${sealY - 22}A44 44 0 0 1 ${sealX + 36} ${sealY - 22}`, '#d7263d', 7, { 'stroke-dasharray': '8 5', 'stroke-linecap': 'butt' }), rect(sealX - 24, sealY + 26, 48, 6, '#d7263d', 3))
  paper.push(group(seal, { opacity: 0.82, transform: `rotate(${n(r.range(-20, 20))} ${n(sealX)} ${n(sealY)})` }))
  c.add(group(paper, { transform: `rotate(${n(rot)} ${n(cx)} ${n(cy)})` }))

  // Stamp lying on its side, and an ink pad
  const stX = r.range(930, 990)
  const stY = r.range(150, 220)
  c.add(group([
    rect(-70 + 10, -40 + 12, 150, 84, '#000', 20, { opacity: 0.13 }),
    rect(-70, -28, 86, 56, '#8a5a3c', 28),
    rect(-20, -28, 30, 56, '#000', undefined, { opacity: 0.08 }),
    rect(10, -18, 24, 36, '#6e452d'),
    rect(30, -40, 34, 80, '#3b3b44', 6),
    rect(60, -38, 12, 76, '#c62f3f', 3),
    rect(-58, -18, 40, 10, '#fff', 5, { opacity: 0.2 }),
  ], { transform: `translate(${n(stX)} ${n(stY)}) rotate(${n(r.range(-35, 35))})` }))
  const padY = stY + 190
  c.add(rect(stX - 88, padY - 50, 186, 120, '#000', 14, { opacity: 0.12 }), rect(stX - 100, padY - 62, 186, 120, '#9aa4ad', 14), rect(stX - 84, padY - 46, 154, 88, '#c1272d', 8), rect(stX - 84, padY - 46, 154, 20, '#fff', 8, { opacity: 0.12 }))

  // Pen resting across the bottom-right corner of the paper
  const penX = cx + r.range(200, 260)
  const penY = r.range(640, 700)
  const penRot = r.range(-40, -15)
  c.add(group([
    rect(-150 + 8, -13 + 10, 300, 26, '#000', 13, { opacity: 0.15 }),
    rect(-150, -13, 300, 26, col(p.accent3, -15), 13),
    rect(60, -13, 90, 26, col(p.accent3, -25), 13),
    rect(70, -18, 70, 6, '#c0c6cc', 3),
    polygon([-150, -10, -190, 0, -150, 10], '#d9d2c2'),
    polygon([-176, -4, -190, 0, -176, 4], '#333'),
  ], { transform: `translate(${n(penX)} ${n(penY)}) rotate(${n(penRot)})` }))

  // Cup of tea, sticky note, paper clips, plant
  const cupX = r.chance(0.5)
    ? 130
    : 1080
  const cupY = r.range(620, 700)
  c.add(circle(cupX + 10, cupY + 10, 82, '#000', { opacity: 0.1 }), circle(cupX, cupY, 80, '#f4f1ec'), rect(cupX + 44, cupY - 14, 56, 28, '#ffffff', 14), circle(cupX, cupY, 52, '#fff'), circle(cupX, cupY, 42, r.chance(0.5)
    ? '#b5793f'
    : '#c9b458'))
  const noteX = cupX < 600
    ? r.range(100, 160)
    : r.range(120, 180)
  const noteY = cupX < 600
    ? r.range(150, 260)
    : r.range(560, 620)
  c.add(group([
    rect(6, 8, 150, 150, '#000', 2, { opacity: 0.1 }),
    rect(0, 0, 150, 150, r.pick([
      '#ffe27a',
      '#ffd0dc',
      '#bfe8d2',
      '#c7e3ff',
    ]), 2),
    line('M22 50L128 50M22 80L118 80M22 110L90 110', '#8a7a5a', 6, { opacity: 0.35 }),
  ], { transform: `translate(${n(noteX - 75)} ${n(noteY - 75)}) rotate(${n(r.range(-12, 12))} 75 75)` }))
  const plantX = cupX < 600
    ? 1080
    : 120
  const plantY = cupX < 600
    ? r.range(620, 700)
    : 120
  const leaves: string[] = [
    circle(plantX + 8, plantY + 8, 70, '#000', { opacity: 0.1 }),
    circle(plantX, plantY, 66, '#d9825b'),
    circle(plantX, plantY, 56, '#6d4c3a'),
  ]
  for (let i = 0; i < 8; i++) {
    const a = i * 45 + r.range(-10, 10)
    leaves.push(ellipse(plantX + 40, plantY, 44, 17, col(p.green, (i % 3) * 6 - 3), { transform: `rotate(${n(a)} ${n(plantX)} ${n(plantY)})` }))
  }
  leaves.push(circle(plantX, plantY, 16, col(p.green, -8)))
  c.add(group(leaves))
  const clipX = r.range(780, 840)
  const clipY = r.range(30, 90)
  c.add(line(d`M${clipX} ${clipY}L${clipX + 60} ${clipY}A10 10 0 0 1 ${clipX + 60} ${clipY + 20}L${clipX + 6} ${clipY + 20}A6 6 0 0 1 ${clipX + 6} ${clipY + 8}L${clipX + 52} ${clipY + 8}`, '#8d969f', 4))
}

function bench(x: number, y: number, w: number, color: string): string {
  const s = w / 160
  return group([
    ellipse(x, y, w * 0.55, 8 * s, '#000', { opacity: 0.12 }),
    rect(x - w * 0.42, y - 40 * s, 8 * s, 40 * s, '#4a4f57'),
    rect(x + w * 0.42 - 8 * s, y - 40 * s, 8 * s, 40 * s, '#4a4f57'),
    rect(x - w / 2, y - 46 * s, w, 12 * s, color, 3 * s),
    rect(x - w / 2, y - 86 * s, w, 12 * s, color, 3 * s),
    rect(x - w / 2, y - 68 * s, w, 12 * s, color, 3 * s),
    rect(x - w * 0.42, y - 90 * s, 8 * s, 50 * s, '#4a4f57'),
    rect(x + w * 0.42 - 8 * s, y - 90 * s, 8 * s, 50 * s, '#4a4f57'),
  ])
}

function park(c: Canvas): void {
  const { p, r } = c
  const horizon = 420
  sky(c, horizon + 10)
  if (r.chance(0.5)) {
    const kx = r.range(200, 1000)
    const ky = r.range(90, 170)
    c.add(polygon([
      kx,
      ky - 40,
      kx + 30,
      ky,
      kx,
      ky + 46,
      kx - 30,
      ky,
    ], col(p.accent, 8)), polygon([kx, ky - 40, kx + 30, ky, kx, ky], col(p.accent2, 8)), line(d`M${kx} ${ky + 46}C${kx + 20} ${ky + 90} ${kx - 30} ${ky + 120} ${kx + 10} ${ky + 170}`, '#fff', 2.5))
  }
  for (let x = -40; x < VW + 60; x += r.range(50, 80))
    c.add(circle(x, horizon + 10, r.range(40, 70), col(p.green, r.range(8, 16), -12)))
  grass(c, horizon)
  // Pond
  const pondX = r.chance(0.5)
    ? r.range(180, 260)
    : r.range(940, 1020)
  c.add(ellipse(pondX, 500, 190, 46, '#7fb6d9'), ellipse(pondX, 496, 170, 36, '#9ccbe6'), line(d`M${pondX - 90} ${492}L${pondX - 30} ${492}M${pondX + 10} ${506}L${pondX + 90} ${506}`, '#fff', 3, { opacity: 0.7 }))
  // Winding path
  const pathX = r.range(540, 660)
  c.add(path(d`M${pathX - 30} ${horizon}C${pathX - 140} ${500} ${pathX + 220} ${560} ${pathX - 60} ${VH}L${pathX + 330} ${VH}C${pathX + 360} ${580} ${pathX + 10} ${500} ${pathX + 30} ${horizon}Z`, '#e9dcc0'))
  c.add(path(d`M${pathX - 30} ${horizon}C${pathX - 140} ${500} ${pathX + 220} ${560} ${pathX - 60} ${VH}`, 'none', { 'stroke': '#d3c29f', 'stroke-width': 6 }))

  const depth = new Depth()
  const trees = r.int(5, 7)
  for (let i = 0; i < trees; i++) {
    const ty = r.range(440, 560)
    let tx = r.range(0, VW)
    if (Math.abs(tx - pathX - 60) < 160) {
      tx += tx < pathX + 60
        ? -180
        : 180
    }
    const h = sizeAt(ty, 440, 200, 560, 330)
    const kind = r.pick(['round', 'round', 'pine', 'tall'] as const)
    depth.add(ty, () => tree(r, tx, ty, h, p.green, kind))
  }
  for (let i = 0; i < 4; i++) {
    const by = r.range(560, 780)
    let bx = r.range(0, VW)
    if (Math.abs(bx - pathX - 60) < 220) {
      bx += bx < pathX + 60
        ? -240
        : 240
    }
    depth.add(by, () => bush(r, bx, by, sizeAt(by, 560, 90, 780, 160), p.green, r.chance(0.7)))
  }
  const benchSide = r.chance(0.5)
    ? -1
    : 1
  const benchX = clamp(benchSide < 0
    ? pathX - 290
    : pathX + 420, 150, 1060)
  const benchColor = r.pick([
    '#b5793f',
    '#9c6b3f',
    col(p.accent, -6),
  ])
  depth.add(600, () => bench(benchX, 600, 250, benchColor))
  const sitters = r.int(0, 2)
  for (let i = 0; i < sitters; i++) {
    const sx = sitters === 1
      ? benchX + r.pick([-45, 45])
      : benchX + (i === 0
        ? -62
        : 62)
    const sitter = r.chance(0.4)
      ? elderPerson(r, sx, 612, 210, { seated: true })
      : randomPerson(r, sx, 612, 210, {
          seated: true,
          skirt: false,
          pose: r.chance(0.3)
            ? 'wave'
            : 'down',
          dir: i === 0
            ? -1
            : 1,
        })
    depth.add(601 + i, () => drawPerson(sitter))
  }
  // Walkers on the path, spread out along it
  const left = [
    [pathX - 30, horizon],
    [pathX - 140, 500],
    [pathX + 220, 560],
    [pathX - 60, VH],
  ] as const
  const right = [
    [pathX + 30, horizon],
    [pathX + 10, 500],
    [pathX + 360, 580],
    [pathX + 330, VH],
  ] as const
  const walkers = r.int(2, 3)
  const side = r.chance(0.5)
    ? 1
    : -1
  for (let i = 0; i < walkers; i++) {
    const t = 0.18 + (0.76 * (i + r.range(0.2, 0.8))) / walkers
    const [lx, ly] = bezier(left, t)
    const [rx, ry] = bezier(right, t)
    const py = (ly + ry) / 2
    const px = (lx + rx) / 2 + (rx - lx) * (i % 2 === 0
      ? side
      : -side) * r.range(0.05, 0.22)
    const h = sizeAt(py, 470, 120, 780, 330)
    const elder = r.chance(0.3)
    const person = elder
      ? elderPerson(r, px, py, h, {
          walk: r.range(-1, 1),
          pose: 'carry',
          item: 'cane',
        })
      : randomPerson(r, px, py, h, {
          walk: r.range(-1, 1),
          pose: r.pick(['down', 'wave', 'carry'] as const),
          item: r.chance(0.4)
            ? 'bag'
            : 'none',
          itemColor: col(clothes(r)),
        })
    depth.add(py, () => drawPerson(person))
  }
  depth.flush(c)
}

function awning(c: Canvas, x1: number, x2: number, top: number, a: string, b: string): void {
  const stripes = 8
  const w = (x2 - x1) / stripes
  const depthY = 80
  for (let i = 0; i < stripes; i++) {
    const xa = x1 + i * w
    const fill = i % 2 === 0
      ? a
      : b
    c.add(polygon([
      x1 + 20 + i * (w - 40 / stripes),
      top,
      x1 + 20 + (i + 1) * (w - 40 / stripes),
      top,
      xa + w,
      top + depthY,
      xa,
      top + depthY,
    ], fill))
    c.add(path(d`M${xa} ${top + depthY - 1}L${xa + w} ${top + depthY - 1}L${xa + w} ${top + depthY + 6}A${w / 2} ${w / 2.2} 0 0 1 ${xa} ${top + depthY + 6}Z`, fill))
  }
  c.add(rect(x1, top + depthY - 2, x2 - x1, 8, '#000', undefined, { opacity: 0.08 }))
}

function produce(r: Rand, x: number, y: number, w: number): string {
  const kind = r.int(0, 5)
  const colors = [
    ['#e63946', '#c92a35'],
    ['#f4a261', '#ee8f3f'],
    ['#8cc152', '#6fa83f'],
    ['#7b4b94', '#6a3d82'],
    ['#f6d55c', '#eec643'],
    ['#b7e4a0', '#9bd283'],
  ][kind] as [string, string]
  const parts: string[] = [
    path(d`M${x - w / 2} ${y}L${x + w / 2} ${y}L${x + w / 2 - 8} ${y + 46}L${x - w / 2 + 8} ${y + 46}Z`, '#c08a55'),
    rect(x - w / 2 + 4, y + 18, w - 8, 6, '#a8733f'),
  ]
  const rr = kind === 5
    ? 20
    : kind === 3
      ? 12
      : 14
  for (let row = 0; row < 2; row++) {
    for (let px = x - w / 2 + rr + 2 + row * rr * 0.8; px < x + w / 2 - rr; px += rr * 1.75) {
      const py = y - row * rr * 0.9 + 2
      parts.push(kind === 3
        ? ellipse(px, py, rr * 0.8, rr * 1.2, colors[row % 2] as string)
        : circle(px, py, rr, colors[row % 2] as string))
      if (kind === 0 || kind === 1)
        parts.push(circle(px, py - rr * 0.9, rr * 0.28, '#4f8a3c'))
    }
  }
  parts.push(rect(x - 16, y - 44, 32, 22, '#fff', 3), line(d`M${x} ${y - 22}L${x} ${y - 6}`, '#8a6a4a', 3))
  return group(parts)
}

function market(c: Canvas): void {
  const { p, r } = c
  const horizon = 420
  sky(c, horizon)
  skyline(c, horizon, col(p.accent3, 24, -44), 8)
  plaza(c, horizon)
  // String of lights
  c.add(line(d`M-20 ${60}Q${300} ${130} ${600} ${70}T${1220} ${80}`, '#6b6258', 2))
  for (let i = 1; i < 12; i++) {
    const t = i / 12
    c.add(circle(t * 1240 - 20, 90 + Math.sin(t * Math.PI * 2) * -8 + 12, 7, '#ffe08a'))
  }
  const stalls = 3
  const stallW = 380
  const gap = (VW - stalls * stallW) / (stalls + 1)
  const awningColors = r.shuffle([
    [
      col(p.accent),
      '#fff8ee',
    ],
    [
      col(p.accent2),
      '#fff8ee',
    ],
    [
      col(p.accent3),
      '#fff8ee',
    ],
    ['#e76f51', '#f4e3c3'],
    ['#2a9d8f', '#f4f1de'],
  ] as const)
  for (let s = 0; s < stalls; s++) {
    const x1 = gap + s * (stallW + gap)
    const x2 = x1 + stallW
    const top = 170 + r.range(-10, 10)
    c.add(rect(x1 + 10, top + 40, 12, 460, '#7a5a40'), rect(x2 - 22, top + 40, 12, 460, '#7a5a40'))
    c.add(rect(x1 + 22, top + 80, stallW - 44, 250, '#000', undefined, { opacity: 0.1 }))
    const colors = awningColors[s % awningColors.length] as readonly [string, string]
    // Vendor behind the counter
    const vendor = randomPerson(r, x1 + stallW * r.range(0.3, 0.7), 640, 270, {
      apron: r.chance(0.5)
        ? '#f4efe6'
        : undefined,
      pose: r.pick(['down', 'wave', 'give'] as const),
      item: 'none',
    })
    c.add(drawPerson(vendor))
    awning(c, x1 - 10, x2 + 10, top, colors[0], colors[1])
    // Counter and crates
    const counterTop = 500
    c.add(rect(x1, counterTop, stallW, 140, '#a4704a', 4), rect(x1, counterTop, stallW, 12, '#8a5a38'))
    for (let i = 0; i < 3; i++)
      c.add(line(d`M${x1 + 10} ${counterTop + 40 + i * 34}L${x2 - 10} ${counterTop + 40 + i * 34}`, '#8a5a38', 2))
    for (let i = 0; i < 3; i++)
      c.add(produce(r, x1 + stallW * (i + 0.5) / 3, counterTop - 34, stallW / 3 - 14))
  }

  const depth = new Depth()
  const shoppers = r.int(2, 4)
  for (let i = 0; i < shoppers; i++) {
    const y = r.range(730, 795)
    const x = 100 + (i + 0.5) * (1000 / shoppers) + r.range(-40, 40)
    const h = sizeAt(y, 730, 300, 795, 330)
    const elder = r.chance(0.3)
    const person = elder
      ? elderPerson(r, x, y, h, { pose: 'carry', item: 'basket' })
      : randomPerson(r, x, y, h, {
          pose: r.pick(['carry', 'give', 'down'] as const),
          item: r.pick(['bag', 'basket'] as const),
          itemColor: col(clothes(r)),
        })
    depth.add(y, () => drawPerson(person))
  }
  depth.flush(c)
}

function elderly(c: Canvas): void {
  const { p, r } = c
  const wall: Hsl = [
    r.range(28, 48),
    r.range(40, 60),
    r.range(88, 92),
  ]
  const floorY = 560
  c.add(rect(0, 0, VW, floorY, col(wall)), rect(0, 380, VW, floorY - 380, col(wall, -8, -10)), rect(0, 376, VW, 8, col(wall, -18, -10)))
  c.add(rect(0, floorY, VW, VH - floorY, c.gradient([
    [0, '#c89f74'],
    [1, '#b48a60'],
  ])))
  // Window with curtains
  const wx = r.range(140, 260)
  c.add(rect(wx - 10, 50, 340, 250, '#fff'), rect(wx, 60, 320, 230, c.gradient([
    [0, p.skyTop],
    [1, p.skyBottom],
  ])))
  c.add(windowTrees(r, wx, 290, 320, 120, p.green))
  c.add(rect(wx + 157, 60, 6, 230, '#fff'), rect(wx, 172, 320, 6, '#fff'))
  const curtain = col(p.accent2, 14, -10)
  c.add(path(d`M${wx - 40} ${40}L${wx + 30} ${40}Q${wx + 10} ${170} ${wx + 40} ${310}L${wx - 40} ${310}Z`, curtain), path(d`M${wx + 360} ${40}L${wx + 290} ${40}Q${wx + 310} ${170} ${wx + 280} ${310}L${wx + 360} ${310}Z`, curtain))
  c.add(rect(wx - 50, 32, 420, 10, '#8a6a4a', 5))
  // Clock and a framed picture
  const clockX = r.range(700, 760)
  c.add(circle(clockX, 110, 44, '#fff', {
    'stroke': col(p.accent, -10),
    'stroke-width': 7,
  }), line(d`M${clockX} ${110}L${clockX} ${82}M${clockX} ${110}L${clockX + 18} ${120}`, '#333', 4))
  const fx = r.range(880, 960)
  c.add(rect(fx, 70, 200, 140, '#8a6a4a', 4), rect(fx + 10, 80, 180, 120, '#eaf4fb'), polygon([
    fx + 10,
    200,
    fx + 70,
    120,
    fx + 120,
    200,
  ], col(p.green, -2)), polygon([
    fx + 80,
    200,
    fx + 140,
    140,
    fx + 190,
    200,
  ], col(p.green, 10)), circle(fx + 150, 110, 14, '#ffd166'))

  // Chairs, seated elders, and the table
  const tableTop = 500
  const carerRight = r.chance(0.7)
  const seats = r.int(3, 4)
  const seatXs: number[] = []
  for (let i = 0; i < seats; i++)
    seatXs.push((carerRight ? 150 : 290) + (i + 0.5) * (760 / seats) + r.range(-15, 15))
  const chairColor = r.pick([
    '#9c6b3f',
    '#b5793f',
    col(p.accent3, -10, -15),
  ])
  for (const sx of seatXs)
    c.add(rect(sx - 60, 300, 120, 220, chairColor, 14))
  for (const sx of seatXs) {
    const person = elderPerson(r, sx, tableTop + 150, 290, { pose: 'table' })
    c.add(drawPerson(person))
  }
  const cloth = col(p.accent, 20, -10)
  c.add(path(d`M${90} ${tableTop}L${1110} ${tableTop}L${1140} ${tableTop + 40}L${60} ${tableTop + 40}Z`, '#fbf8f2'))
  c.add(rect(60, tableTop + 40, 1080, 150, cloth), rect(60, tableTop + 40, 1080, 16, '#fff', undefined, { opacity: 0.35 }))
  c.add(line(Array.from({ length: 12 }, (_, i) => d`M${100 + i * 90} ${tableTop + 60}L${100 + i * 90} ${tableTop + 190}`).join(''), '#fff', 2, { opacity: 0.25 }))
  // Food in front of each elder
  for (const sx of seatXs) {
    c.add(ellipse(sx, tableTop + 22, 52, 12, '#fff', { 'stroke': '#d8dde2', 'stroke-width': 2 }))
    c.add(ellipse(sx - 14, tableTop + 20, 18, 6, r.pick(['#8cc152', '#f4a261', '#e76f51'])), ellipse(sx + 16, tableTop + 21, 16, 6, r.pick(['#f6d55c', '#b5793f', '#8cc152'])))
    const bx = sx + (r.chance(0.5)
      ? -62
      : 62)
    c.add(path(d`M${bx - 22} ${tableTop + 10}Q${bx} ${tableTop + 40} ${bx + 22} ${tableTop + 10}Z`, '#fff'), ellipse(bx, tableTop + 10, 22, 5, '#f3ead8'), line(d`M${bx + 30} ${tableTop + 34}L${bx + 60} ${tableTop + 4}M${bx + 36} ${tableTop + 34}L${bx + 66} ${tableTop + 4}`, '#8a6a4a', 3))
  }
  const tp = carerRight ? 130 : 1050
  c.add(path(d`M${tp - 40} ${tableTop + 18}Q${tp - 40} ${tableTop - 30} ${tp} ${tableTop - 30}Q${tp + 40} ${tableTop - 30} ${tp + 40} ${tableTop + 18}Z`, col(p.accent3, 10)), path(d`M${tp + 40} ${tableTop - 10}L${tp + 66} ${tableTop - 30}`, 'none', {
    'stroke': col(p.accent3, 10),
    'stroke-width': 8,
    'stroke-linecap': 'round',
  }), ellipse(tp, tableTop - 30, 16, 5, col(p.accent3, -5)))

  // Caregiver bringing a tray
  const carer = randomPerson(r, carerRight
    ? r.range(980, 1060)
    : r.range(130, 200), 760, 370, {
    top: [p.accent3[0], 45, 55],
    apron: '#fdfcf8',
    pose: 'hold',
    item: 'tray',
    hairStyle: r.pick(['bun', 'short', 'bob'] as const),
    skirt: false,
  })
  c.add(drawPerson(carer))
}

const SCENE_DRAWERS: Record<Scene, (c: Canvas) => void> = {
  gathering,
  lecture,
  volunteer,
  award,
  booth,
  streetscape,
  document: desk,
  park,
  market,
  elderly,
}

function checkSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 16 || v > 4096)
    throw new RangeError(`${name} must be an integer between 16 and 4096, got ${v}`)
}

/**
 * A deterministic flat-design SVG illustration of `scene`; `seed` varies the palette, layout and people.
 * Drawn on a 3:2 canvas and scaled to `width`×`height` (cropping the edges if the aspect differs).
 */
export function illustrationSvg(scene: Scene, seed: string, width = 1200, height = 800): string {
  checkSize('width', width)
  checkSize('height', height)
  const draw = SCENE_DRAWERS[scene]
  if (!draw)
    throw new RangeError(`Unknown scene: ${String(scene)}`)
  const r = new Rand(hashString(`${scene}\u0000${seed}`))
  const palette = makePalette(r)
  const c = new Canvas(r, palette, r.chance(0.5))
  draw(c)
  return c.svg(width, height)
}

export interface RenderOptions {
  width?: number
  height?: number
  quality?: number
}

export interface RenderedImage {
  data: Buffer
  contentType: 'image/jpeg'
  width: number
  height: number
}

const hasMozjpeg = typeof sharp.versions === 'object' && 'mozjpeg' in sharp.versions

/** Renders the illustration to a progressive JPEG (no metadata). Same inputs give identical bytes. */
export async function renderIllustration(scene: Scene, seed: string, options: RenderOptions = {}): Promise<RenderedImage> {
  const width = options.width ?? 1200
  const height = options.height ?? 800
  const quality = options.quality ?? 80
  if (!Number.isInteger(quality) || quality < 1 || quality > 100)
    throw new RangeError(`quality must be an integer between 1 and 100, got ${quality}`)
  const svg = illustrationSvg(scene, seed, width, height)
  const data = await sharp(Buffer.from(svg), { density: 72 })
    .jpeg({
      quality,
      progressive: true,
      mozjpeg: hasMozjpeg,
      chromaSubsampling: '4:2:0',
    })
    .toBuffer()
  return {
    data,
    contentType: 'image/jpeg',
    width,
    height,
  }
}
