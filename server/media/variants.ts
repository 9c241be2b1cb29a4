// The sizes a picture is served at (common/media.ts): stored beside the original (media/store.ts) when it is uploaded
// or drawn, and made again from the original on the first request if one is missing (pictures stored before the
// sizes existed, a media folder restored from a backup, which keeps originals only).
import type { Buffer } from 'node:buffer'
import type { MediaFormat, MediaWidth } from '#common/media'
import type { MediaStore } from './store'
import { MEDIA_FORMATS, mediaWidths } from '#common/media'
import { resizePicture } from './pictures'

/** A variant's file name: abc….jpg → abc….w480.webp. */
export function variantName(name: string, width: MediaWidth, format: MediaFormat): string {
  return `${name.replace(/\.\w+$/, '')}.w${width}.${format}`
}

/** Whether a stored file is a variant (made again from its original when needed; backups leave them out). */
export function isVariantFile(name: string): boolean {
  return /\.w\d+\.(?:webp|jpg)$/.test(name)
}

function encode(source: Buffer, width: MediaWidth, format: MediaFormat): Promise<Buffer> {
  return resizePicture(source, width, format)
}

/** Removes a stored picture and every size of it (a picture stored but not kept). */
export async function removePicture(store: MediaStore, name: string, width: number): Promise<void> {
  await Promise.all([
    store.remove(name),
    ...mediaWidths(width).flatMap(w => MEDIA_FORMATS.map(format => store.remove(variantName(name, w, format)))),
  ])
}

/** Writes every size of a picture (its original's bytes and width); returns their total bytes. */
export async function writeVariants(store: MediaStore, name: string, original: Buffer, width: number): Promise<number> {
  let bytes = 0
  for (const w of mediaWidths(width)) {
    for (const format of MEDIA_FORMATS) {
      const data = await encode(original, w, format)
      await store.write(variantName(name, w, format), data)
      bytes += data.length
    }
  }
  return bytes
}

/**
 * One size of a stored picture (its bytes), made from the original if it is missing; several requests share one
 * job. Null when the original is missing too.
 */
export function createVariantStore(store: MediaStore) {
  const making = new Map<string, Promise<Buffer | null>>()
  return async function variant(name: string, width: MediaWidth, format: MediaFormat): Promise<Buffer | null> {
    const file = variantName(name, width, format)
    const stored = await store.read(file)
    if (stored)
      return stored
    let job = making.get(file)
    if (!job) {
      job = (async () => {
        const original = await store.read(name)
        if (!original)
          return null
        const data = await encode(original, width, format)
        await store.write(file, data)
        return data
      })().finally(() => making.delete(file))
      making.set(file, job)
    }
    return job
  }
}
