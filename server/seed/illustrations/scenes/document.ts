// Scene 'document': papers with a red seal on a wooden desk, with a stamp, ink pad, pen, tea and a plant.
import type { Hsl } from '../palette'
import type { Canvas } from '../svg'
import { col } from '../palette'
import { circle, d, ellipse, group, line, n, polygon, rect, VH, VW } from '../svg'

export function desk(c: Canvas): void {
  const { p, r } = c
  const wood: Hsl = [
    r.range(22, 34),
    r.range(34, 46),
    r.range(56, 66),
  ]
  c.add(rect(0, 0, VW, VH, c.gradient([
    [
      0,
      col(wood, 4),
    ],
    [
      1,
      col(wood, -4),
    ],
  ], 1, 1)))
  const grain: string[] = []
  for (let i = 0; i < 14; i++) {
    const gy = r.range(0, VH)
    grain.push(d`M-20 ${gy}C${300} ${gy + r.range(-30, 30)} ${800} ${gy + r.range(-30, 30)} ${1220} ${gy + r.range(-20, 20)}`)
  }
  c.add(line(grain.join(''), col(wood, -12), 3, { opacity: 0.35 }))

  // Folder and papers
  const cx = r.range(520, 580)
  const cy = 400
  const rot = r.range(-6, 6)
  c.add(group([
    rect(cx - 250, cy - 330, 500, 660, col(p.accent2, -5), 10),
    rect(cx - 250, cy - 350, 160, 40, col(p.accent2, -5), 8),
  ], { transform: `rotate(${n(rot - 6)} ${n(cx)} ${n(cy)})` }))
  c.add(group([
    rect(cx - 222, cy - 300, 440, 600, '#000', 4, { opacity: 0.12 }),
    rect(cx - 228, cy - 306, 440, 600, '#f6f4ef', 4),
  ], { transform: `rotate(${n(rot + 5)} ${n(cx)} ${n(cy)})` }))
  const paper: string[] = [
    rect(cx - 212, cy - 292, 440, 600, '#000', 4, { opacity: 0.12 }),
    rect(cx - 220, cy - 300, 440, 600, '#fffefb', 4),
  ]
  paper.push(rect(cx - 140, cy - 260, 280, 22, col(p.accent, -5), 11))
  const lines: string[] = []
  let ly = cy - 200
  for (let block = 0; block < 3; block++) {
    const count = r.int(3, 4)
    for (let i = 0; i < count; i++) {
      const w = i === count - 1
        ? r.range(140, 280)
        : r.range(330, 370)
      lines.push(d`M${cx - 180} ${ly}L${cx - 180 + w} ${ly}`)
      ly += 26
    }
    ly += 18
  }
  paper.push(line(lines.join(''), '#c9ced4', 9))
  // A small form box with ticks
  paper.push(rect(cx - 180, ly, 200, 70, 'none', 4, { 'stroke': '#c9ced4', 'stroke-width': 3 }))
  paper.push(c.upright(cx - 80, line(d`M${cx - 165} ${ly + 36}L${cx - 155} ${ly + 47}L${cx - 138} ${ly + 24}M${cx - 70} ${ly + 36}L${cx - 60} ${ly + 47}L${cx - 43} ${ly + 24}`, col(p.accent3), 5)))
  // Signature squiggle and a red seal
  paper.push(line(d`M${cx - 10} ${cy + 255}C${cx + 10} ${cy + 215} ${cx + 30} ${cy + 275} ${cx + 50} ${cy + 240}S${cx + 90} ${cy + 255} ${cx + 120} ${cy + 237}`, '#2c3e66', 4))
  const sealX = cx + 125
  const sealY = cy + 200
  const seal: string[] = [
    circle(sealX, sealY, 56, 'none', { 'stroke': '#d7263d', 'stroke-width': 6 }),
  ]
  const star: number[] = []
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0
      ? 22
      : 9
    const a = -Math.PI / 2 + i * Math.PI / 5
    star.push(sealX + Math.cos(a) * rr, sealY - 4 + Math.sin(a) * rr)
  }
  seal.push(polygon(star, '#d7263d'), line(d`M${sealX - 36} ${sealY - 22}A44 44 0 0 1 ${sealX + 36} ${sealY - 22}`, '#d7263d', 7, { 'stroke-dasharray': '8 5', 'stroke-linecap': 'butt' }), rect(sealX - 24, sealY + 26, 48, 6, '#d7263d', 3))
  paper.push(group(seal, { opacity: 0.82, transform: `rotate(${n(r.range(-20, 20))} ${n(sealX)} ${n(sealY)})` }))
  c.add(group(paper, { transform: `rotate(${n(rot)} ${n(cx)} ${n(cy)})` }))

  // Stamp lying on its side, and an ink pad
  const stX = r.range(930, 990)
  const stY = r.range(150, 220)
  c.add(group([
    rect(-70 + 10, -40 + 12, 150, 84, '#000', 20, { opacity: 0.13 }),
    rect(-70, -28, 86, 56, '#8a5a3c', 28),
    rect(-20, -28, 30, 56, '#000', undefined, { opacity: 0.08 }),
    rect(10, -18, 24, 36, '#6e452d'),
    rect(30, -40, 34, 80, '#3b3b44', 6),
    rect(60, -38, 12, 76, '#c62f3f', 3),
    rect(-58, -18, 40, 10, '#fff', 5, { opacity: 0.2 }),
  ], { transform: `translate(${n(stX)} ${n(stY)}) rotate(${n(r.range(-35, 35))})` }))
  const padY = stY + 190
  c.add(rect(stX - 88, padY - 50, 186, 120, '#000', 14, { opacity: 0.12 }), rect(stX - 100, padY - 62, 186, 120, '#9aa4ad', 14), rect(stX - 84, padY - 46, 154, 88, '#c1272d', 8), rect(stX - 84, padY - 46, 154, 20, '#fff', 8, { opacity: 0.12 }))

  // Pen resting across the bottom-right corner of the paper
  const penX = cx + r.range(200, 260)
  const penY = r.range(640, 700)
  const penRot = r.range(-40, -15)
  c.add(group([
    rect(-150 + 8, -13 + 10, 300, 26, '#000', 13, { opacity: 0.15 }),
    rect(-150, -13, 300, 26, col(p.accent3, -15), 13),
    rect(60, -13, 90, 26, col(p.accent3, -25), 13),
    rect(70, -18, 70, 6, '#c0c6cc', 3),
    polygon([-150, -10, -190, 0, -150, 10], '#d9d2c2'),
    polygon([-176, -4, -190, 0, -176, 4], '#333'),
  ], { transform: `translate(${n(penX)} ${n(penY)}) rotate(${n(penRot)})` }))

  // Cup of tea, sticky note, paper clips, plant
  const cupX = r.chance(0.5)
    ? 130
    : 1080
  const cupY = r.range(620, 700)
  c.add(circle(cupX + 10, cupY + 10, 82, '#000', { opacity: 0.1 }), circle(cupX, cupY, 80, '#f4f1ec'), rect(cupX + 44, cupY - 14, 56, 28, '#ffffff', 14), circle(cupX, cupY, 52, '#fff'), circle(cupX, cupY, 42, r.chance(0.5)
    ? '#b5793f'
    : '#c9b458'))
  const noteX = cupX < 600
    ? r.range(100, 160)
    : r.range(120, 180)
  const noteY = cupX < 600
    ? r.range(150, 260)
    : r.range(560, 620)
  c.add(group([
    rect(6, 8, 150, 150, '#000', 2, { opacity: 0.1 }),
    rect(0, 0, 150, 150, r.pick([
      '#ffe27a',
      '#ffd0dc',
      '#bfe8d2',
      '#c7e3ff',
    ]), 2),
    line('M22 50L128 50M22 80L118 80M22 110L90 110', '#8a7a5a', 6, { opacity: 0.35 }),
  ], { transform: `translate(${n(noteX - 75)} ${n(noteY - 75)}) rotate(${n(r.range(-12, 12))} 75 75)` }))
  const plantX = cupX < 600
    ? 1080
    : 120
  const plantY = cupX < 600
    ? r.range(620, 700)
    : 120
  const leaves: string[] = [
    circle(plantX + 8, plantY + 8, 70, '#000', { opacity: 0.1 }),
    circle(plantX, plantY, 66, '#d9825b'),
    circle(plantX, plantY, 56, '#6d4c3a'),
  ]
  for (let i = 0; i < 8; i++) {
    const a = i * 45 + r.range(-10, 10)
    leaves.push(ellipse(plantX + 40, plantY, 44, 17, col(p.green, (i % 3) * 6 - 3), { transform: `rotate(${n(a)} ${n(plantX)} ${n(plantY)})` }))
  }
  leaves.push(circle(plantX, plantY, 16, col(p.green, -8)))
  c.add(group(leaves))
  const clipX = r.range(780, 840)
  const clipY = r.range(30, 90)
  c.add(line(d`M${clipX} ${clipY}L${clipX + 60} ${clipY}A10 10 0 0 1 ${clipX + 60} ${clipY + 20}L${clipX + 6} ${clipY + 20}A6 6 0 0 1 ${clipX + 6} ${clipY + 8}L${clipX + 52} ${clipY + 8}`, '#8d969f', 4))
}
