// Scene 'award': awardees on a stage holding certificates and flowers, confetti, an audience in front.
import type { Hsl } from '../palette'
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawBackPerson, drawPerson, randomPerson } from '../people'
import { bunting, bush } from '../scenery'
import { circle, d, ellipse, line, n, path, polygon, rect, VH, VW } from '../svg'

export function award(c: Canvas): void {
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
