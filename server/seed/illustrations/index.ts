import type { Buffer } from 'node:buffer'
// Generated demo illustrations for the seed: flat-design SVG scenes drawn from a seed string, rendered to JPEG with
// sharp (demo activity photos and article covers). Nothing is downloaded; the same (scene, seed, size) always gives
// the same SVG and the same JPEG bytes. The drawing uses only rect, circle, ellipse, path, polygon, g and
// linearGradient — no text, links or scripts.
// One file per scene kind under scenes/; the parts they share are random.ts (seeded randomness), palette.ts
// (colours), svg.ts (element helpers and the canvas), people.ts and scenery.ts.
import type { Scene } from '../data/types'
import { svgToJpeg } from '../../media/pictures'
import { makePalette } from './palette'
import { hashString, Rand } from './random'
import { award } from './scenes/award'
import { booth } from './scenes/booth'
import { desk } from './scenes/document'
import { elderly } from './scenes/elderly'
import { gathering } from './scenes/gathering'
import { lecture } from './scenes/lecture'
import { market } from './scenes/market'
import { park } from './scenes/park'
import { streetscape } from './scenes/streetscape'
import { volunteer } from './scenes/volunteer'
import { Canvas } from './svg'

const SCENE_DRAWERS: Record<Scene, (c: Canvas) => void> = {
  gathering,
  lecture,
  volunteer,
  award,
  booth,
  streetscape,
  document: desk,
  park,
  market,
  elderly,
}

function checkSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 16 || v > 4096)
    throw new RangeError(`${name} must be an integer between 16 and 4096, got ${v}`)
}

/**
 * A deterministic flat-design SVG illustration of `scene`; `seed` varies the palette, layout and people.
 * Drawn on a 3:2 canvas and scaled to `width`×`height` (cropping the edges if the aspect differs).
 */
export function illustrationSvg(scene: Scene, seed: string, width = 1200, height = 800): string {
  checkSize('width', width)
  checkSize('height', height)
  const draw = SCENE_DRAWERS[scene]
  if (!draw)
    throw new RangeError(`Unknown scene: ${String(scene)}`)
  const r = new Rand(hashString(`${scene}\u0000${seed}`))
  const palette = makePalette(r)
  const c = new Canvas(r, palette, r.chance(0.5))
  draw(c)
  return c.svg(width, height)
}

export interface RenderOptions {
  width?: number
  height?: number
  quality?: number
}

export interface RenderedImage {
  data: Buffer
  contentType: 'image/jpeg'
  width: number
  height: number
}

/** Renders the illustration to a progressive JPEG (no metadata). Same inputs give identical bytes. */
export async function renderIllustration(scene: Scene, seed: string, options: RenderOptions = {}): Promise<RenderedImage> {
  const width = options.width ?? 1200
  const height = options.height ?? 800
  const quality = options.quality ?? 80
  if (!Number.isInteger(quality) || quality < 1 || quality > 100)
    throw new RangeError(`quality must be an integer between 1 and 100, got ${quality}`)
  const svg = illustrationSvg(scene, seed, width, height)
  const data = await svgToJpeg(svg, quality)
  return {
    data,
    contentType: 'image/jpeg',
    width,
    height,
  }
}
