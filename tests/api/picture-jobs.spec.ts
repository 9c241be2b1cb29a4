// Picture work (server/media/sharp.ts) keeps the server's memory small: libvips keeps no operation cache, and
// pictures are made one at a time, so that a page's pictures asked for at once do not each grow a thread's arena.
import { describe, expect, it } from 'vitest'
import { loadSharp, pictureJob } from '../../server/media/sharp'
import { renderIllustration } from '../../server/seed/illustrations'

describe('picture work', () => {
  it('should keep no libvips operation cache', async () => {
    const sharp = await loadSharp()
    const { memory, items, files } = sharp.cache()
    expect([memory.max, items.max, files.max]).toEqual([0, 0, 0])
  })

  it('should make pictures one at a time, in the order asked, a failed one not stopping the next', async () => {
    const log: string[] = []
    let running = 0
    const job = (name: string, fail = false) => pictureJob(async () => {
      running++
      log.push(`${name} starts with ${running} running`)
      await new Promise(resolve => setTimeout(resolve, 10))
      running--
      if (fail)
        throw new Error(`${name} failed`)
      return name
    })
    const results = await Promise.allSettled([
      job('a'),
      job('b', true),
      job('c'),
    ])
    expect(results.map(r => r.status === 'fulfilled'
      ? r.value
      : (r.reason as Error).message)).toEqual(['a', 'b failed', 'c'])
    expect(log).toEqual(['a starts with 1 running', 'b starts with 1 running', 'c starts with 1 running'])
  })

  it('should draw a page\'s worth of demo pictures asked for at once, each a real JPEG', async () => {
    const pictures = await Promise.all(['a', 'b', 'c', 'd'].map(seed => renderIllustration('gathering', seed, { width: 320, height: 200 })))
    for (const picture of pictures) {
      const meta = await (await loadSharp())(picture.data).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 200])
    }
  })
})
