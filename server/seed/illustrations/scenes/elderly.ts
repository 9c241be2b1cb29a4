// Scene 'elderly': elders at a dining table in a community canteen, a caregiver bringing a tray.
import type { Hsl } from '../palette'
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawPerson, elderPerson, randomPerson } from '../people'
import { windowTrees } from '../scenery'
import { circle, d, ellipse, line, path, polygon, rect, VH, VW } from '../svg'

export function elderly(c: Canvas): void {
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
