// Scene 'booth': a promotion booth with a backdrop board, feather flags and balloons, staff and visitors.
import type { Canvas } from '../svg'
import { col } from '../palette'
import { drawPerson, randomPerson } from '../people'
import { plaza, shieldCheck, sizeAt, sky, skyline, tree } from '../scenery'
import { d, Depth, ellipse, group, line, path, rect, VW } from '../svg'

function featherFlag(x: number, y: number, h: number, color: string, band: string): string {
  return group([
    line(d`M${x} ${y}L${x} ${y - h}`, '#8d949c', 5),
    path(d`M${x + 2} ${y - h}C${x + 60} ${y - h - 10} ${x + 70} ${y - h + 60} ${x + 60} ${y - h * 0.3}L${x + 2} ${y - h * 0.25}Z`, color),
    path(d`M${x + 2} ${y - h * 0.55}L${x + 63} ${y - h * 0.58}L${x + 61} ${y - h * 0.48}L${x + 2} ${y - h * 0.45}Z`, band),
  ])
}

export function booth(c: Canvas): void {
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
