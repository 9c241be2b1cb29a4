// Picture work (server/media/pictures.ts) keeps the server's memory small: pictures are made in a process of their
// own, one at a time, which goes away when idle; libvips never loads into the server itself.
import { Buffer } from 'node:buffer'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describePicture, pictureJob, pictureProcessId, setPictureIdle, svgToJpeg } from '../../server/media/pictures'
import { cleanPicture, UploadError } from '../../server/media/upload'
import { renderIllustration } from '../../server/seed/illustrations'
import { makeTempDir } from './helpers'
import { serve } from './served'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Whether a process of this pid runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch {
    return false
  }
}

/** An SVG that takes the picture process a while to draw. */
const BIG_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="6000">${
  Array.from({ length: 400 }, (_, i) => `<circle cx="${(i * 97) % 6000}" cy="${(i * 61) % 6000}" r="${300 + i}" fill="#${(i * 2654435).toString(16).slice(-6).padStart(6, '0')}" opacity="0.5"/>`).join('')
}</svg>`

describe('picture work', () => {
  afterAll(() => setPictureIdle(10_000))

  it('should make pictures in a process of its own, which goes away once idle and comes back when needed', async () => {
    setPictureIdle(300)
    const picture = await renderIllustration('gathering', 'a', { width: 320, height: 200 })
    expect(await describePicture(picture.data)).toEqual({ format: 'jpeg', width: 320, height: 200 })
    const pid = pictureProcessId()
    expect(pid).toBeTypeOf('number')
    expect(pid).not.toBe(process.pid)
    expect(alive(pid!)).toBe(true)

    await sleep(1200)
    expect(pictureProcessId(), 'stopped after its idle time').toBeUndefined()
    expect(alive(pid!)).toBe(false)

    const again = await renderIllustration('gathering', 'a', { width: 320, height: 200 })
    expect(again.data.equals(picture.data), 'the same drawing from a new process').toBe(true)
    expect(pictureProcessId()).not.toBe(pid)
  })

  it('should make pictures one at a time, in the order asked, a failed one not stopping the next', async () => {
    const log: string[] = []
    let running = 0
    const job = (name: string, fail = false) => pictureJob(async () => {
      running++
      log.push(`${name} starts with ${running} running`)
      await sleep(10)
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
    for (const picture of pictures)
      expect(await describePicture(picture.data)).toEqual({ format: 'jpeg', width: 320, height: 200 })
  })

  it('should fail a job whose process dies under it, and make the next in a new one', async () => {
    setPictureIdle(10_000)
    await describePicture((await renderIllustration('booth', 'x', { width: 64, height: 64 })).data)
    const pid = pictureProcessId()!
    const killed = svgToJpeg(BIG_SVG, 90)
    await sleep(50)
    process.kill(pid, 'SIGKILL')
    await expect(killed).rejects.toThrow(/picture process ended/)
    const next = await renderIllustration('booth', 'y', { width: 64, height: 64 })
    expect(await describePicture(next.data)).toEqual({ format: 'jpeg', width: 64, height: 64 })
    expect(pictureProcessId()).not.toBe(pid)
  })

  it('should still refuse a picture that is not one, and one too large to decode, as the upload\'s errors', async () => {
    const notPicture = Buffer.concat([
      Buffer.from([0xFF, 0xD8, 0xFF]),
      Buffer.from('not really a jpeg'),
    ])
    await expect(cleanPicture(notPicture)).rejects.toEqual(new UploadError('corrupt'))
    const jpeg = (await renderIllustration('booth', 'z', { width: 64, height: 64 })).data
    await expect(cleanPicture(Buffer.from('hello'))).rejects.toEqual(new UploadError('type'))
    const cleaned = await cleanPicture(jpeg, 32)
    expect([cleaned.kind, cleaned.width, cleaned.height]).toEqual(['jpeg', 32, 32])
  })
})

describe('the server as run', () => {
  it('should serve a demo picture it draws without ever loading libvips into itself', async () => {
    const dir = makeTempDir()
    const served = await serve(join(dir, 'credit.db'), dir, {
      MEDIA_DIR: join(dir, 'media'),
    }, 'node')
    try {
      const list = await (await fetch(`${served.url}/api/articles?pageSize=1`)).json() as { items: { cover: { url: string } }[] }
      const cover = await fetch(`${served.url}${list.items[0]!.cover.url}`)
      expect(cover.status).toBe(200)
      const bytes = Buffer.from(await cover.arrayBuffer())
      expect((await describePicture(bytes)).format).toBe('jpeg')
      const maps = readFileSync(`/proc/${served.child.pid}/maps`, 'utf8')
      expect(maps).not.toMatch(/libvips/)
    }
    finally {
      served.child.kill('SIGTERM')
      await served.exited
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
