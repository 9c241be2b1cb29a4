// Scene 'park': a park with a pond and a winding path, walkers, and people on a bench.
import type { Canvas } from '../svg'
import { clamp, clothes, col } from '../palette'
import { drawPerson, elderPerson, randomPerson } from '../people'
import { bush, sizeAt, sky, tree } from '../scenery'
import { circle, d, Depth, ellipse, group, line, path, polygon, rect, VH, VW } from '../svg'

function grass(c: Canvas, top: number): void {
  const { p } = c
  c.add(rect(0, top, VW, VH - top, c.gradient([
    [
      0,
      col(p.green, 16, -8),
    ],
    [
      1,
      col(p.green, 4),
    ],
  ])))
}

function bezier(pts: ReadonlyArray<readonly [number, number]>, t: number): [number, number] {
  const [a, b, c, e] = pts as [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]]
  const m = 1 - t
  const f = (i: 0 | 1): number => m * m * m * a[i] + 3 * m * m * t * b[i] + 3 * m * t * t * c[i] + t * t * t * e[i]
  return [
    f(0),
    f(1),
  ]
}

function bench(x: number, y: number, w: number, color: string): string {
  const s = w / 160
  return group([
    ellipse(x, y, w * 0.55, 8 * s, '#000', { opacity: 0.12 }),
    rect(x - w * 0.42, y - 40 * s, 8 * s, 40 * s, '#4a4f57'),
    rect(x + w * 0.42 - 8 * s, y - 40 * s, 8 * s, 40 * s, '#4a4f57'),
    rect(x - w / 2, y - 46 * s, w, 12 * s, color, 3 * s),
    rect(x - w / 2, y - 86 * s, w, 12 * s, color, 3 * s),
    rect(x - w / 2, y - 68 * s, w, 12 * s, color, 3 * s),
    rect(x - w * 0.42, y - 90 * s, 8 * s, 50 * s, '#4a4f57'),
    rect(x + w * 0.42 - 8 * s, y - 90 * s, 8 * s, 50 * s, '#4a4f57'),
  ])
}

export function park(c: Canvas): void {
  const { p, r } = c
  const horizon = 420
  sky(c, horizon + 10)
  if (r.chance(0.5)) {
    const kx = r.range(200, 1000)
    const ky = r.range(90, 170)
    c.add(polygon([
      kx,
      ky - 40,
      kx + 30,
      ky,
      kx,
      ky + 46,
      kx - 30,
      ky,
    ], col(p.accent, 8)), polygon([kx, ky - 40, kx + 30, ky, kx, ky], col(p.accent2, 8)), line(d`M${kx} ${ky + 46}C${kx + 20} ${ky + 90} ${kx - 30} ${ky + 120} ${kx + 10} ${ky + 170}`, '#fff', 2.5))
  }
  for (let x = -40; x < VW + 60; x += r.range(50, 80))
    c.add(circle(x, horizon + 10, r.range(40, 70), col(p.green, r.range(8, 16), -12)))
  grass(c, horizon)
  // Pond
  const pondX = r.chance(0.5)
    ? r.range(180, 260)
    : r.range(940, 1020)
  c.add(ellipse(pondX, 500, 190, 46, '#7fb6d9'), ellipse(pondX, 496, 170, 36, '#9ccbe6'), line(d`M${pondX - 90} ${492}L${pondX - 30} ${492}M${pondX + 10} ${506}L${pondX + 90} ${506}`, '#fff', 3, { opacity: 0.7 }))
  // Winding path
  const pathX = r.range(540, 660)
  c.add(path(d`M${pathX - 30} ${horizon}C${pathX - 140} ${500} ${pathX + 220} ${560} ${pathX - 60} ${VH}L${pathX + 330} ${VH}C${pathX + 360} ${580} ${pathX + 10} ${500} ${pathX + 30} ${horizon}Z`, '#e9dcc0'))
  c.add(path(d`M${pathX - 30} ${horizon}C${pathX - 140} ${500} ${pathX + 220} ${560} ${pathX - 60} ${VH}`, 'none', { 'stroke': '#d3c29f', 'stroke-width': 6 }))

  const depth = new Depth()
  const trees = r.int(5, 7)
  for (let i = 0; i < trees; i++) {
    const ty = r.range(440, 560)
    let tx = r.range(0, VW)
    if (Math.abs(tx - pathX - 60) < 160) {
      tx += tx < pathX + 60
        ? -180
        : 180
    }
    const h = sizeAt(ty, 440, 200, 560, 330)
    const kind = r.pick(['round', 'round', 'pine', 'tall'] as const)
    depth.add(ty, () => tree(r, tx, ty, h, p.green, kind))
  }
  for (let i = 0; i < 4; i++) {
    const by = r.range(560, 780)
    let bx = r.range(0, VW)
    if (Math.abs(bx - pathX - 60) < 220) {
      bx += bx < pathX + 60
        ? -240
        : 240
    }
    depth.add(by, () => bush(r, bx, by, sizeAt(by, 560, 90, 780, 160), p.green, r.chance(0.7)))
  }
  const benchSide = r.chance(0.5)
    ? -1
    : 1
  const benchX = clamp(benchSide < 0
    ? pathX - 290
    : pathX + 420, 150, 1060)
  const benchColor = r.pick([
    '#b5793f',
    '#9c6b3f',
    col(p.accent, -6),
  ])
  depth.add(600, () => bench(benchX, 600, 250, benchColor))
  const sitters = r.int(0, 2)
  for (let i = 0; i < sitters; i++) {
    const sx = sitters === 1
      ? benchX + r.pick([-45, 45])
      : benchX + (i === 0
        ? -62
        : 62)
    const sitter = r.chance(0.4)
      ? elderPerson(r, sx, 612, 210, { seated: true })
      : randomPerson(r, sx, 612, 210, {
          seated: true,
          skirt: false,
          pose: r.chance(0.3)
            ? 'wave'
            : 'down',
          dir: i === 0
            ? -1
            : 1,
        })
    depth.add(601 + i, () => drawPerson(sitter))
  }
  // Walkers on the path, spread out along it
  const left = [
    [pathX - 30, horizon],
    [pathX - 140, 500],
    [pathX + 220, 560],
    [pathX - 60, VH],
  ] as const
  const right = [
    [pathX + 30, horizon],
    [pathX + 10, 500],
    [pathX + 360, 580],
    [pathX + 330, VH],
  ] as const
  const walkers = r.int(2, 3)
  const side = r.chance(0.5)
    ? 1
    : -1
  for (let i = 0; i < walkers; i++) {
    const t = 0.18 + (0.76 * (i + r.range(0.2, 0.8))) / walkers
    const [lx, ly] = bezier(left, t)
    const [rx, ry] = bezier(right, t)
    const py = (ly + ry) / 2
    const px = (lx + rx) / 2 + (rx - lx) * (i % 2 === 0
      ? side
      : -side) * r.range(0.05, 0.22)
    const h = sizeAt(py, 470, 120, 780, 330)
    const elder = r.chance(0.3)
    const person = elder
      ? elderPerson(r, px, py, h, {
          walk: r.range(-1, 1),
          pose: 'carry',
          item: 'cane',
        })
      : randomPerson(r, px, py, h, {
          walk: r.range(-1, 1),
          pose: r.pick(['down', 'wave', 'carry'] as const),
          item: r.chance(0.4)
            ? 'bag'
            : 'none',
          itemColor: col(clothes(r)),
        })
    depth.add(py, () => drawPerson(person))
  }
  depth.flush(c)
}
