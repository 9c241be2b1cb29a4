// People: randomly dressed residents, elders, volunteers and staff, standing, walking or seated, and audience
// members seen from behind.
import type { Hsl } from './palette'
import type { Rand } from './random'
import { BOTTOMS, clothes, col, GREY_HAIR, HAIR, SHOES, SKINS } from './palette'
import { circle, d, ellipse, group, line, n, path, polygon, rect } from './svg'

type HairStyle = 'short' | 'long' | 'bob' | 'bun' | 'curly' | 'thin'

type Pose = 'down' | 'hold' | 'wave' | 'give' | 'point' | 'table' | 'carry'

type Item = 'certificate' | 'brochure' | 'leaflet' | 'bag' | 'flowers' | 'tray' | 'cane' | 'basket' | 'flag' | 'none'

export interface Person {
  x: number
  y: number // feet
  h: number // standing height in px
  skin: Hsl
  hair: string
  hairStyle: HairStyle
  top: Hsl
  bottom: string
  shoes: string
  skirt: boolean
  pose: Pose
  dir: 1 | -1 // which side the active arm is on
  walk: number // leg spread, -1..1
  item: Item
  itemColor: string
  seated?: boolean // on a bench or chair: hips drop to seat height, shins visible
  vest?: Hsl
  cap?: string
  apron?: string
  glasses?: boolean
  face: boolean
}

export function randomPerson(r: Rand, x: number, y: number, h: number, extra: Partial<Person> = {}): Person {
  const elder = extra.hairStyle === 'thin'
  const hairStyle: HairStyle = r.pick([
    'short',
    'short',
    'long',
    'bob',
    'bun',
    'curly',
  ] as const)
  const skirt = (hairStyle === 'long' || hairStyle === 'bun') && r.chance(0.4)
  return {
    x,
    y,
    h,
    skin: r.pick(SKINS),
    hair: elder
      ? r.pick(GREY_HAIR)
      : r.pick(HAIR),
    hairStyle,
    top: clothes(r),
    bottom: r.pick(BOTTOMS),
    shoes: r.pick(SHOES),
    skirt,
    pose: 'down',
    dir: r.chance(0.5)
      ? 1
      : -1,
    walk: 0,
    item: 'none',
    itemColor: '#c8102e',
    face: h >= 70,
    ...extra,
  }
}

export function elderPerson(r: Rand, x: number, y: number, h: number, extra: Partial<Person> = {}): Person {
  return randomPerson(r, x, y, h, {
    hairStyle: r.pick([
      'thin',
      'short',
      'bob',
      'thin',
      'curly',
    ] as const),
    hair: r.pick(GREY_HAIR),
    top: [
      r.range(0, 360),
      r.range(18, 38),
      r.range(46, 62),
    ],
    glasses: r.chance(0.55),
    ...extra,
  })
}

export function drawPerson(p: Person): string {
  const { x, dir } = p
  const u = p.h / 100
  const feet = p.y
  // The upper body is drawn relative to `y`; seated people sit 17% lower, their feet stay on the ground.
  const y = p.seated
    ? feet + 17 * u
    : feet
  const skin = col(p.skin)
  const top = col(p.top)
  const sleeve = col(p.top, -7)
  const parts: string[] = []

  parts.push(ellipse(x, feet, 17 * u, 3.6 * u, '#000', { opacity: 0.12 }))

  // Legs and shoes (or a skirt)
  const lx = x - 5.5 * u - p.walk * 5 * u
  const rx = x + 5.5 * u + p.walk * 5 * u
  if (p.seated) {
    parts.push(rect(x - 14 * u, y - 50 * u, 28 * u, 16 * u, p.bottom, 5 * u))
    parts.push(line(d`M${x - 7 * u} ${y - 38 * u}L${x - 8 * u} ${feet - 4 * u}M${x + 7 * u} ${y - 38 * u}L${x + 8 * u} ${feet - 4 * u}`, p.bottom, 10 * u))
    parts.push(ellipse(x - 9 * u, feet - 2 * u, 6 * u, 3 * u, p.shoes), ellipse(x + 9 * u, feet - 2 * u, 6 * u, 3 * u, p.shoes))
  }
  else if (p.skirt) {
    parts.push(line(d`M${x - 5 * u} ${y - 26 * u}L${lx} ${y - 4 * u}M${x + 5 * u} ${y - 26 * u}L${rx} ${y - 4 * u}`, col(p.skin, -6), 6.5 * u))
    parts.push(path(d`M${x - 13 * u} ${y - 47 * u}L${x + 13 * u} ${y - 47 * u}L${x + 18 * u} ${y - 22 * u}Q${x} ${y - 19 * u} ${x - 18 * u} ${y - 22 * u}Z`, p.bottom))
  }
  else {
    parts.push(rect(x - 13.5 * u, y - 50 * u, 27 * u, 12 * u, p.bottom, 4 * u))
    parts.push(line(d`M${x - 6.5 * u} ${y - 42 * u}L${lx} ${y - 4 * u}M${x + 6.5 * u} ${y - 42 * u}L${rx} ${y - 4 * u}`, p.bottom, 10 * u))
  }
  if (!p.seated)
    parts.push(ellipse(lx - 1 * u, y - 2 * u, 6 * u, 3 * u, p.shoes), ellipse(rx + 1 * u, y - 2 * u, 6 * u, 3 * u, p.shoes))

  // Hair that falls behind the head
  if (p.hairStyle === 'long')
    parts.push(rect(x - 12 * u, y - 100 * u, 24 * u, 28 * u, p.hair, 10 * u))
  else if (p.hairStyle === 'bob')
    parts.push(rect(x - 12.5 * u, y - 100 * u, 25 * u, 18 * u, p.hair, 8 * u))

  // Neck, torso, vest / apron
  parts.push(rect(x - 3.4 * u, y - 86 * u, 6.8 * u, 9 * u, col(p.skin, -8)))
  parts.push(path(d`M${x - 14 * u} ${y - 42 * u}L${x - 14.5 * u} ${y - 71 * u}Q${x - 14.5 * u} ${y - 80 * u} ${x - 6 * u} ${y - 80 * u}L${x + 6 * u} ${y - 80 * u}Q${x + 14.5 * u} ${y - 80 * u} ${x + 14.5 * u} ${y - 71 * u}L${x + 14 * u} ${y - 42 * u}Z`, top))
  parts.push(path(d`M${x - 4.5 * u} ${y - 80 * u}Q${x} ${y - 74 * u} ${x + 4.5 * u} ${y - 80 * u}Z`, col(p.skin, -8)))
  if (p.vest) {
    const v = col(p.vest)
    parts.push(path(d`M${x - 14.2 * u} ${y - 40 * u}L${x - 14.6 * u} ${y - 71 * u}Q${x - 14.6 * u} ${y - 80 * u} ${x - 7 * u} ${y - 80.5 * u}L${x - 2.5 * u} ${y - 62 * u}L${x - 2.5 * u} ${y - 40 * u}Z`, v))
    parts.push(path(d`M${x + 14.2 * u} ${y - 40 * u}L${x + 14.6 * u} ${y - 71 * u}Q${x + 14.6 * u} ${y - 80 * u} ${x + 7 * u} ${y - 80.5 * u}L${x + 2.5 * u} ${y - 62 * u}L${x + 2.5 * u} ${y - 40 * u}Z`, v))
    parts.push(rect(x - 14.4 * u, y - 53 * u, 11.9 * u, 3.4 * u, '#f4f1e6', undefined, { opacity: 0.85 }))
    parts.push(rect(x + 2.5 * u, y - 53 * u, 11.9 * u, 3.4 * u, '#f4f1e6', undefined, { opacity: 0.85 }))
  }
  if (p.apron) {
    parts.push(path(d`M${x - 9 * u} ${y - 68 * u}L${x + 9 * u} ${y - 68 * u}L${x + 11.5 * u} ${y - 30 * u}Q${x} ${y - 27 * u} ${x - 11.5 * u} ${y - 30 * u}Z`, p.apron))
    parts.push(rect(x - 5 * u, y - 50 * u, 10 * u, 7 * u, '#000', 1.5 * u, { opacity: 0.08 }))
  }

  // Arms: [shoulder, elbow, hand] for the passive (-dir) and active (+dir) sides
  const sh = y - 74 * u
  const arm = (side: number, ex: number, ey: number, hx: number, hy: number): [number, number, number, number] =>
    [
      x + side * ex * u,
      y - ey * u,
      x + side * hx * u,
      y - hy * u,
    ]
  const down = (side: number): [number, number, number, number] => arm(side, 16.5, 60, 17, 46)
  let passive = down(-dir)
  let active = down(dir)
  switch (p.pose) {
    case 'hold':
      passive = arm(-dir, 18, 57, 9, 60)
      active = arm(dir, 18, 57, 9, 60)
      break
    case 'wave':
      active = arm(dir, 23, 80, 25, 96)
      break
    case 'give':
      active = arm(dir, 23, 64, 34, 66)
      break
    case 'point':
      active = arm(dir, 25, 80, 37, 90)
      break
    case 'table':
      passive = arm(-dir, 21, 56, 11, 52)
      active = arm(dir, 21, 56, 11, 52)
      break
    default:
      break
  }
  for (const [side, a] of [
    [-dir, passive],
    [dir, active],
  ] as const)
    parts.push(line(d`M${x + side * 12.5 * u} ${sh}L${a[0]} ${a[1]}L${a[2]} ${a[3]}`, sleeve, 7.8 * u))

  // Held items (between the arms and the hands)
  const [ahx, ahy] = [active[2], active[3]]
  switch (p.item) {
    case 'certificate':
      parts.push(rect(x - 15 * u, y - 73 * u, 30 * u, 20 * u, p.itemColor, 1.2 * u))
      parts.push(rect(x - 12.5 * u, y - 70.5 * u, 25 * u, 15 * u, 'none', 0.6 * u, { 'stroke': '#f2c94c', 'stroke-width': 1.1 * u }))
      parts.push(circle(x, y - 63 * u, 3.4 * u, '#f2c94c'))
      break
    case 'brochure':
      parts.push(rect(x - 12 * u, y - 76 * u, 24 * u, 18 * u, '#fdfdfb', 1 * u, { 'stroke': '#d5d9de', 'stroke-width': 0.5 * u }))
      parts.push(rect(x - 12 * u, y - 76 * u, 24 * u, 5 * u, p.itemColor, 1 * u), line(d`M${x - 1 * u} ${y - 76 * u}L${x - 1 * u} ${y - 58 * u}`, '#d5d9de', 0.6 * u))
      parts.push(line(d`M${x - 9 * u} ${y - 67 * u}L${x - 4 * u} ${y - 67 * u}M${x + 2 * u} ${y - 67 * u}L${x + 9 * u} ${y - 67 * u}M${x + 2 * u} ${y - 63 * u}L${x + 7 * u} ${y - 63 * u}`, '#b9c0c8', 1 * u))
      break
    case 'flowers':
      parts.push(polygon([
        x - 8 * u,
        y - 70 * u,
        x + 8 * u,
        y - 70 * u,
        x,
        y - 50 * u,
      ], '#f7e8d0'))
      parts.push(circle(x - 5 * u, y - 72 * u, 4 * u, '#e5566b'), circle(x + 4.5 * u, y - 73 * u, 4 * u, '#f6a93b'), circle(x, y - 77 * u, 4.2 * u, '#f37f9a'), circle(x - 1 * u, y - 70 * u, 3 * u, '#7fb35a'))
      break
    case 'tray':
      parts.push(ellipse(x, y - 60 * u, 24 * u, 4.5 * u, '#b9c2c9'), ellipse(x, y - 61 * u, 22 * u, 3.5 * u, '#dde3e8'))
      parts.push(path(d`M${x - 9 * u} ${y - 64 * u}Q${x} ${y - 53 * u} ${x + 9 * u} ${y - 64 * u}Z`, '#fff'), ellipse(x, y - 64 * u, 9 * u, 2 * u, '#f0c36b'))
      break
    case 'leaflet':
      parts.push(group([
        rect(-6 * u, -16 * u, 12 * u, 16 * u, '#fff', 0.8 * u, { 'stroke': '#d5d9de', 'stroke-width': 0.5 * u }),
        rect(-6 * u, -16 * u, 12 * u, 4.5 * u, p.itemColor, 0.8 * u),
        line(d`M${-3.8 * u} ${-8 * u}L${3.8 * u} ${-8 * u}M${-3.8 * u} ${-5 * u}L${2 * u} ${-5 * u}`, '#b9c0c8', 1 * u),
      ], { transform: `translate(${n(ahx)} ${n(ahy + 2 * u)}) rotate(${n(dir * 12)})` }))
      break
    case 'bag':
      parts.push(line(d`M${passive[2] - 4 * u} ${passive[3] + 3 * u}Q${passive[2]} ${passive[3] - 4 * u} ${passive[2] + 4 * u} ${passive[3] + 3 * u}`, p.itemColor, 1.4 * u))
      parts.push(rect(passive[2] - 7 * u, passive[3] + 2 * u, 14 * u, 15 * u, p.itemColor, 2 * u))
      break
    case 'basket':
      parts.push(circle(passive[2] - 3 * u, passive[3] + 3 * u, 3 * u, '#e2513c'), circle(passive[2] + 3 * u, passive[3] + 3.5 * u, 3 * u, '#8cbf4d'))
      parts.push(line(d`M${passive[2] - 8 * u} ${passive[3] + 5 * u}Q${passive[2]} ${passive[3] - 8 * u} ${passive[2] + 8 * u} ${passive[3] + 5 * u}`, '#a8743f', 1.5 * u))
      parts.push(path(d`M${passive[2] - 9 * u} ${passive[3] + 5 * u}L${passive[2] + 9 * u} ${passive[3] + 5 * u}L${passive[2] + 7 * u} ${passive[3] + 15 * u}L${passive[2] - 7 * u} ${passive[3] + 15 * u}Z`, '#c98f52'))
      break
    case 'cane':
      parts.push(line(d`M${ahx} ${ahy}L${ahx + dir * 3 * u} ${feet - 1 * u}`, '#6b4a2f', 2.2 * u))
      break
    case 'flag':
      parts.push(line(d`M${ahx} ${ahy + 3 * u}L${ahx} ${ahy - 22 * u}`, '#8a6a4a', 1.2 * u))
      parts.push(rect(ahx, ahy - 22 * u, dir * 14 * u, 9 * u, p.itemColor))
      break
    default:
      break
  }
  parts.push(circle(passive[2], passive[3], 4 * u, skin), circle(ahx, ahy, 4 * u, skin))

  // Head and hair
  const hy = y - 90 * u
  parts.push(circle(x - 10 * u, hy + 1 * u, 2.6 * u, col(p.skin, -5)), circle(x + 10 * u, hy + 1 * u, 2.6 * u, col(p.skin, -5)))
  parts.push(circle(x, hy, 10 * u, skin))
  switch (p.hairStyle) {
    case 'thin':
      parts.push(ellipse(x - 9.3 * u, hy - 1.5 * u, 3.2 * u, 5.5 * u, p.hair), ellipse(x + 9.3 * u, hy - 1.5 * u, 3.2 * u, 5.5 * u, p.hair))
      parts.push(path(d`M${x - 8 * u} ${hy - 6 * u}Q${x} ${hy - 13.5 * u} ${x + 8 * u} ${hy - 6 * u}Q${x} ${hy - 10 * u} ${x - 8 * u} ${hy - 6 * u}Z`, p.hair, { opacity: 0.8 }))
      break
    case 'curly':
      for (let a = 0; a < 7; a++) {
        const t = Math.PI * (1.05 + a * 0.15)
        parts.push(circle(x + Math.cos(t) * 9.5 * u, hy + Math.sin(t) * 9 * u - 1 * u, 4.4 * u, p.hair))
      }
      break
    default:
      parts.push(path(d`M${x - 10.8 * u} ${hy + 3 * u}C${x - 12.5 * u} ${hy - 14 * u} ${x + 12.5 * u} ${hy - 14 * u} ${x + 10.8 * u} ${hy + 3 * u}C${x + 9 * u} ${hy - 4 * u} ${x - 1 * u} ${hy - 5 * u} ${x - 10.8 * u} ${hy + 3 * u}Z`, p.hair))
      if (p.hairStyle === 'bun')
        parts.push(circle(x, hy - 11 * u, 5 * u, p.hair))
  }
  if (p.face) {
    const eye = '#3b2c28'
    parts.push(circle(x - 3.7 * u, hy + 0.5 * u, 1.25 * u, eye), circle(x + 3.7 * u, hy + 0.5 * u, 1.25 * u, eye))
    parts.push(line(d`M${x - 2.8 * u} ${hy + 4.6 * u}Q${x} ${hy + 6.8 * u} ${x + 2.8 * u} ${hy + 4.6 * u}`, '#9c4a3c', 0.9 * u))
    parts.push(circle(x - 6.3 * u, hy + 3.6 * u, 1.9 * u, '#f08a7e', { opacity: 0.35 }), circle(x + 6.3 * u, hy + 3.6 * u, 1.9 * u, '#f08a7e', { opacity: 0.35 }))
    if (p.glasses) {
      parts.push(line(d`M${x - 1.2 * u} ${hy + 0.5 * u}L${x + 1.2 * u} ${hy + 0.5 * u}`, '#4a4a52', 0.7 * u))
      parts.push(circle(x - 3.7 * u, hy + 0.5 * u, 2.6 * u, 'none', { 'stroke': '#4a4a52', 'stroke-width': 0.7 * u }), circle(x + 3.7 * u, hy + 0.5 * u, 2.6 * u, 'none', { 'stroke': '#4a4a52', 'stroke-width': 0.7 * u }))
    }
  }
  if (p.cap) {
    parts.push(path(d`M${x - 11 * u} ${hy - 2 * u}C${x - 11 * u} ${hy - 14 * u} ${x + 11 * u} ${hy - 14 * u} ${x + 11 * u} ${hy - 2 * u}Z`, p.cap))
    parts.push(ellipse(x, hy - 2 * u, 12.5 * u, 2.4 * u, p.cap))
  }
  return group(parts)
}

/** A seated audience member seen from behind (shoulders and head). `y` is the shoulder line. */
export function drawBackPerson(r: Rand, x: number, y: number, u: number): string {
  const hair = r.chance(0.12)
    ? r.pick(GREY_HAIR)
    : r.pick(HAIR)
  const skin = r.pick(SKINS)
  const top = col(clothes(r))
  const parts = [
    path(d`M${x - 15 * u} ${y + 30 * u}L${x - 15 * u} ${y + 7 * u}Q${x - 15 * u} ${y - 1 * u} ${x - 6 * u} ${y - 1 * u}L${x + 6 * u} ${y - 1 * u}Q${x + 15 * u} ${y - 1 * u} ${x + 15 * u} ${y + 7 * u}L${x + 15 * u} ${y + 30 * u}Z`, top),
    rect(x - 3.5 * u, y - 7 * u, 7 * u, 8 * u, col(skin, -8)),
    circle(x - 10 * u, y - 12 * u, 2.6 * u, col(skin, -5)),
    circle(x + 10 * u, y - 12 * u, 2.6 * u, col(skin, -5)),
    circle(x, y - 13 * u, 10.2 * u, hair),
  ]
  if (r.chance(0.3))
    parts.push(rect(x - 11 * u, y - 22 * u, 22 * u, 24 * u, hair, 9 * u))
  else if (r.chance(0.2))
    parts.push(circle(x, y - 24 * u, 4.5 * u, hair))
  return group(parts)
}
