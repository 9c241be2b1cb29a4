// Scenery shared by several scenes: sky and clouds, skyline, trees and bushes, bunting, paving, symbols, and
// perspective sizing.
import type { Hsl } from './palette'
import type { Rand } from './random'
import type { Canvas } from './svg'
import { col } from './palette'
import { circle, d, ellipse, group, line, path, polygon, rect, VH, VW } from './svg'

export function sky(c: Canvas, bottom: number, sunAvoid?: readonly [number, number]): void {
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
export function windowTrees(r: Rand, x: number, bottom: number, w: number, h: number, green: Hsl): string {
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

export function skyline(c: Canvas, baseY: number, tint: string, count: number): void {
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

export function tree(r: Rand, x: number, y: number, h: number, green: Hsl, kind: 'round' | 'tall' | 'pine' = 'round'): string {
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

export function bush(r: Rand, x: number, y: number, w: number, green: Hsl, flowers: boolean): string {
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

export function bunting(c: Canvas, x1: number, x2: number, y: number, sag: number, colors: readonly string[]): void {
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

export function heart(cx: number, cy: number, s: number, fill: string): string {
  return path(d`M${cx} ${cy + s * 0.42}C${cx - s * 1.1} ${cy - s * 0.25} ${cx - s * 0.5} ${cy - s * 1.05} ${cx} ${cy - s * 0.45}C${cx + s * 0.5} ${cy - s * 1.05} ${cx + s * 1.1} ${cy - s * 0.25} ${cx} ${cy + s * 0.42}Z`, fill)
}

export function shieldCheck(cx: number, cy: number, s: number, fill: string): string {
  return group([
    path(d`M${cx} ${cy - s}L${cx + s * 0.8} ${cy - s * 0.68}L${cx + s * 0.8} ${cy}C${cx + s * 0.8} ${cy + s * 0.6} ${cx + s * 0.35} ${cy + s * 0.95} ${cx} ${cy + s * 1.1}C${cx - s * 0.35} ${cy + s * 0.95} ${cx - s * 0.8} ${cy + s * 0.6} ${cx - s * 0.8} ${cy}L${cx - s * 0.8} ${cy - s * 0.68}Z`, fill),
    line(d`M${cx - s * 0.36} ${cy + s * 0.05}L${cx - s * 0.08} ${cy + s * 0.34}L${cx + s * 0.4} ${cy - s * 0.24}`, '#fff', s * 0.18),
  ])
}

/** Outdoor paving: a warm light ground with a few perspective joints. */
export function plaza(c: Canvas, top: number): void {
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

export function sizeAt(y: number, y0: number, h0: number, y1: number, h1: number): number {
  return h0 + (h1 - h0) * (y - y0) / (y1 - y0)
}
