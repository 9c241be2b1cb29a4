import { Buffer } from 'node:buffer'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { SCENES } from '../../server/seed/data/types'
import { illustrationSvg, renderIllustration } from '../../server/seed/illustrations'

const SEEDS = [
  'activity:1',
  'article:credit-week',
  '信用长宁',
  '',
  'x'.repeat(200),
]
const ALLOWED_ELEMENTS = new Set([
  'svg',
  'defs',
  'linearGradient',
  'stop',
  'g',
  'rect',
  'circle',
  'ellipse',
  'path',
  'polygon',
])

function elementNames(svg: string): Set<string> {
  return new Set([
    ...svg.matchAll(/<([a-z][\w:-]*)/gi),
  ].map(m => m[1] as string))
}

describe('generated illustrations (server/seed/illustrations)', () => {
  describe('illustrationSvg', () => {
    it('should return identical SVG when called twice with the same scene and seed', () => {
      for (const scene of SCENES) {
        for (const seed of SEEDS)
          expect(illustrationSvg(scene, seed)).toBe(illustrationSvg(scene, seed))
      }
    })

    it('should return different SVG when the seed differs', () => {
      for (const scene of SCENES) {
        const outputs = new Set(SEEDS.map(seed => illustrationSvg(scene, seed)))
        expect(outputs.size).toBe(SEEDS.length)
      }
    })

    it('should return different SVG for different scenes when the seed is the same', () => {
      const outputs = new Set(SCENES.map(scene => illustrationSvg(scene, 'same-seed')))
      expect(outputs.size).toBe(SCENES.length)
    })

    it('should contain only basic shapes, with no text, scripts or links, when rendered for any scene', () => {
      for (const scene of SCENES) {
        for (const seed of SEEDS) {
          const svg = illustrationSvg(scene, seed)
          expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
          expect(svg.endsWith('</svg>')).toBe(true)
          expect(svg).not.toContain('<script')
          expect(svg).not.toContain('<text')
          expect(svg).not.toContain('<image')
          expect(svg).not.toContain('<foreignObject')
          expect(svg).not.toMatch(/href\s*=/i)
          expect(svg).not.toMatch(/\son[a-z]+\s*=/i)
          // The only URL is the SVG namespace; fills reference local gradients only.
          expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:/i)
          for (const ref of svg.matchAll(/url\(([^)]*)\)/g))
            expect(ref[1]).toMatch(/^#g\d+$/)
          for (const name of elementNames(svg))
            expect(ALLOWED_ELEMENTS, `<${name}> in ${scene}`).toContain(name)
        }
      }
    })

    it('should stay under 40 KB when many seeds are drawn for every scene', () => {
      for (const scene of SCENES) {
        for (let i = 0; i < 30; i++) {
          const svg = illustrationSvg(scene, `size-check-${i}`)
          expect(svg.length, `${scene} seed ${i}`).toBeLessThan(40_000)
          expect(svg.length).toBeGreaterThan(2_000)
        }
      }
    })

    it('should set the requested pixel size and a 3:2 view box when given a width and height', () => {
      const svg = illustrationSvg('park', 'dims', 960, 640)
      expect(svg).toContain('width="960" height="640" viewBox="0 0 1200 800"')
      expect(illustrationSvg('park', 'dims')).toContain('width="1200" height="800"')
    })

    it('should reject a size that is not a sensible integer when asked to draw', () => {
      expect(() => illustrationSvg('park', 's', 0, 800)).toThrow(RangeError)
      expect(() => illustrationSvg('park', 's', 1200.5, 800)).toThrow(RangeError)
      expect(() => illustrationSvg('park', 's', 1200, 100_000)).toThrow(RangeError)
    })
  })

  describe('renderIllustration', () => {
    it('should render every scene to a progressive 1200×800 JPEG without metadata by default', async () => {
      for (const scene of SCENES) {
        const image = await renderIllustration(scene, `render-${scene}`)
        expect(image.contentType).toBe('image/jpeg')
        expect(image.width).toBe(1200)
        expect(image.height).toBe(800)
        expect([
          ...image.data.subarray(0, 3),
        ]).toEqual([0xFF, 0xD8, 0xFF])
        const meta = await sharp(image.data).metadata()
        expect(meta.format).toBe('jpeg')
        expect(meta.width).toBe(1200)
        expect(meta.height).toBe(800)
        expect(meta.isProgressive).toBe(true)
        expect(meta.exif).toBeUndefined()
        expect(meta.icc).toBeUndefined()
        expect(meta.xmp).toBeUndefined()
        // Flat illustrations compress well, but a near-empty file would mean a blank render.
        expect(image.data.length, scene).toBeGreaterThan(15_000)
        expect(image.data.length, scene).toBeLessThan(250_000)
      }
    })

    it('should produce identical bytes when rendered twice with the same inputs', async () => {
      for (const scene of ['gathering', 'document', 'streetscape'] as const) {
        const a = await renderIllustration(scene, 'repeatable')
        const b = await renderIllustration(scene, 'repeatable')
        expect(Buffer.compare(a.data, b.data)).toBe(0)
      }
    })

    it('should produce different bytes when the seed differs', async () => {
      const a = await renderIllustration('market', 'one')
      const b = await renderIllustration('market', 'two')
      expect(Buffer.compare(a.data, b.data)).not.toBe(0)
    })

    it('should honour a custom size, including a non-3:2 one, when options are given', async () => {
      for (const [width, height] of [
        [960, 640],
        [600, 600],
        [400, 225],
      ] as const) {
        const image = await renderIllustration('award', 'sized', { width, height })
        expect(image.width).toBe(width)
        expect(image.height).toBe(height)
        const meta = await sharp(image.data).metadata()
        expect([meta.width, meta.height]).toEqual([width, height])
      }
    })

    it('should make a smaller file when a lower quality is asked for', async () => {
      const high = await renderIllustration('volunteer', 'quality', { quality: 90 })
      const low = await renderIllustration('volunteer', 'quality', { quality: 40 })
      expect(low.data.length).toBeLessThan(high.data.length)
    })

    it('should reject an out-of-range quality when asked to render', async () => {
      await expect(renderIllustration('park', 'q', { quality: 0 })).rejects.toThrow(RangeError)
      await expect(renderIllustration('park', 'q', { quality: 101 })).rejects.toThrow(RangeError)
    })
  })
})
