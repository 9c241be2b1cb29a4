// Scene 'volunteer': volunteers in vests at a tent table handing leaflets to residents.
import type { Hsl } from '../palette'
import type { Person } from '../people'
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawPerson, elderPerson, randomPerson } from '../people'
import { heart, plaza, sizeAt, sky, skyline, tree } from '../scenery'
import { d, Depth, path, polygon, rect, VW } from '../svg'

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

export function volunteer(c: Canvas): void {
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
