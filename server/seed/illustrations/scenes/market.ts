// Scene 'market': market stalls with striped awnings, vendors, produce crates and shoppers.
import type { Rand } from '../random'
import type { Canvas } from '../svg'
import { clothes, col } from '../palette'
import { drawPerson, elderPerson, randomPerson } from '../people'
import { plaza, sizeAt, sky, skyline } from '../scenery'
import { circle, d, Depth, ellipse, group, line, path, polygon, rect, VW } from '../svg'

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

export function market(c: Canvas): void {
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
