// The sizes a picture is served at (common/media.ts): written beside the original in MEDIA_DIR when it is uploaded
// or drawn, and made again from the original on the first request if one is missing (pictures stored before the
// sizes existed, a media folder restored from a backup, which keeps originals only).
import type { Buffer } from 'node:buffer'
import type { MediaFormat, MediaWidth } from '#common/media'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { MEDIA_FORMATS, mediaWidths } from '#common/media'
import { writeAside } from '../lib/files'

/** A variant's file name: abc….jpg → abc….w480.webp. */
export function variantName(name: string, width: MediaWidth, format: MediaFormat): string {
  return `${name.replace(/\.\w+$/, '')}.w${width}.${format}`
}

/** Whether a file in MEDIA_DIR is a variant (made again from its original when needed; backups leave them out). */
export function isVariantFile(name: string): boolean {
  return /\.w\d+\.(?:webp|jpg)$/.test(name)
}

async function encode(source: Buffer, width: MediaWidth, format: MediaFormat): Promise<Buffer> {
  const resized = sharp(source).resize({ width, withoutEnlargement: true })
  return format === 'webp'
    ? resized.webp({ quality: 72, effort: 4 }).toBuffer()
    : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true }).toBuffer()
}

/** Writes every size of a picture (its original's bytes and width); returns their total bytes. */
export async function writeVariants(dir: string, name: string, original: Buffer, width: number): Promise<number> {
  let bytes = 0
  for (const w of mediaWidths(width)) {
    for (const format of MEDIA_FORMATS) {
      const data = await encode(original, w, format)
      await writeAside(join(dir, variantName(name, w, format)), data)
      bytes += data.length
    }
  }
  return bytes
}

/** One size of a stored picture, made from the original if it is missing; several requests share one job. */
export function createVariantStore(dir: string) {
  const making = new Map<string, Promise<void>>()
  return async function variantPath(name: string, width: MediaWidth, format: MediaFormat): Promise<string> {
    const file = variantName(name, width, format)
    const path = join(dir, file)
    if (await stat(path).then(() => true, () => false))
      return path
    let job = making.get(file)
    if (!job) {
      job = (async () => {
        await writeAside(path, await encode(await readFile(join(dir, name)), width, format))
      })().finally(() => making.delete(file))
      making.set(file, job)
    }
    await job
    return path
  }
}
