// Scene 'streetscape': a lane of shikumen houses under plane trees, with pedestrians, bikes and a car.
import type { Hsl } from '../palette'
import type { Canvas } from '../svg'
import { clothes, col } from '../palette'
import { drawPerson, elderPerson, randomPerson } from '../people'
import { sky } from '../scenery'
import { circle, d, Depth, ellipse, group, line, path, polygon, rect, VH, VW } from '../svg'

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

export function streetscape(c: Canvas): void {
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
