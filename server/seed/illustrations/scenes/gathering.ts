// Scene 'gathering': residents gathered on a plaza under bunting, some waving flags or holding leaflets.
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawPerson, randomPerson } from '../people'
import { bunting, bush, plaza, sizeAt, sky, skyline, tree } from '../scenery'
import { Depth, rect, VW } from '../svg'

export function gathering(c: Canvas): void {
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
