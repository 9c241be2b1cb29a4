// SVG primitives (numbers rounded to one decimal to keep the markup small), the logical canvas a scene draws on,
// and back-to-front ordering by ground line.
import type { Palette } from './palette'
import type { Rand } from './random'

/** Every scene is drawn on this logical canvas and scaled (cropping if the aspect differs) to the requested size. */
export const VW = 1200

export const VH = 800

export function n(v: number): string {
  // Whole pixels for large coordinates (invisible at ≤1200 px output), one decimal for small sizes.
  const x = Math.abs(v) >= 100
    ? Math.round(v)
    : Math.round(v * 10) / 10
  return Object.is(x, -0)
    ? '0'
    : String(x)
}

/** Tagged template for path data: interpolated numbers are rounded. */
export function d(strings: TemplateStringsArray, ...values: number[]): string {
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

export function rect(x: number, y: number, w: number, h: number, fill: string, rx?: number, extra: Attrs = {}): string {
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

export function circle(cx: number, cy: number, r: number, fill: string, extra: Attrs = {}): string {
  return el('circle', { cx, cy, r, fill, ...extra })
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra: Attrs = {}): string {
  return el('ellipse', { cx, cy, rx, ry, fill, ...extra })
}

export function path(pathData: string, fill: string, extra: Attrs = {}): string {
  return el('path', { d: pathData, fill, ...extra })
}

export function line(pathData: string, stroke: string, width: number, extra: Attrs = {}): string {
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

export function polygon(points: readonly number[], fill: string, extra: Attrs = {}): string {
  return el('polygon', {
    points: points.map(n).join(' '),
    fill,
    ...extra,
  })
}

export function group(content: readonly string[], attrs: Attrs = {}): string {
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

export class Canvas {
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
export class Depth {
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
