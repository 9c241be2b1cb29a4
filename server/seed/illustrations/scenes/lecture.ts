// Scene 'lecture': a speaker at a lectern beside a screen with a chart, an audience seen from behind.
import type { Hsl } from '../palette'
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawBackPerson, drawPerson, randomPerson } from '../people'
import { heart, shieldCheck, windowTrees } from '../scenery'
import { circle, d, ellipse, line, n, path, rect, VH, VW } from '../svg'

export function lecture(c: Canvas): void {
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
