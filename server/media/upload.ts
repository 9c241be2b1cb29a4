import type { MediaStore } from './store'
// Photos uploaded by staff: the real type is read from the bytes (not the name or the declared type), the picture is
// decoded in full (a truncated file fails), turned upright, scaled to fit 1600 px and re-encoded, which drops every
// metadata block (EXIF, GPS, XMP). Files get random names in the media store (media/store.ts), outside the web root.
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { cleanPictureBytes, PictureRefused } from './pictures'
import { writeVariants } from './variants'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
export const MAX_SIDE = 1600
/**
 * Most pixels a picture may have. Checked from the file's header before anything is decoded: a small file can
 * declare a huge picture (a "decompression bomb": a 6300×6300 PNG of a few KB took 415 MB to decode). The app
 * resizes photos to 1600 px before sending them; 25 MP still admits a camera's original.
 */
export const MAX_INPUT_PIXELS = 25_000_000

export type ImageKind = 'jpeg' | 'webp' | 'png'

/** The image type by magic bytes, or null. */
export function sniffImage(data: Buffer): ImageKind | null {
  if (data.length >= 3 && data[0] === 0xFF && data[1] === 0xD8 && data[2] === 0xFF)
    return 'jpeg'
  if (data.length >= 12 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP')
    return 'webp'
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([
    0x89,
    0x50,
    0x4E,
    0x47,
    0x0D,
    0x0A,
    0x1A,
    0x0A,
  ]))) {
    return 'png'
  }
  return null
}

export class UploadError extends Error {
  constructor(readonly reason: 'type' | 'corrupt' | 'too-large') {
    super(reason)
  }
}

export interface StoredPicture {
  name: string
  contentType: 'image/jpeg' | 'image/webp'
  width: number
  height: number
  bytes: number
}

/**
 * A picture checked and cleaned: its type from the bytes, its header's size within MAX_INPUT_PIXELS, decoded in full,
 * turned upright, fitted within `maxSide` and encoded again without any metadata; WebP stays WebP, anything else
 * becomes JPEG.
 */
export async function cleanPicture(data: Buffer, maxSide: number = MAX_SIDE): Promise<{ data: Buffer, width: number, height: number, kind: 'webp' | 'jpeg' }> {
  const kind = sniffImage(data)
  if (!kind)
    throw new UploadError('type')
  try {
    const output = await cleanPictureBytes(data, { kind, maxSide, maxPixels: MAX_INPUT_PIXELS })
    return {
      ...output,
      kind: kind === 'webp'
        ? 'webp'
        : 'jpeg',
    }
  }
  catch (error) {
    if (error instanceof PictureRefused && error.reason === 'too-large')
      throw new UploadError('too-large')
    if (error instanceof PictureRefused)
      throw new UploadError('corrupt')
    throw error // the picture process failed: not the picture's fault
  }
}

/** Validates, cleans and stores a picture; WebP stays WebP, anything else becomes JPEG. */
export async function storePicture(data: Buffer, store: MediaStore): Promise<StoredPicture> {
  const { kind, ...output } = await cleanPicture(data)
  const extension = kind === 'webp'
    ? 'webp'
    : 'jpg'
  const name = `${randomBytes(16).toString('hex')}.${extension}`
  await store.write(name, output.data)
  // The sizes it is shown at; one that could not be written now is made from the original when first asked for.
  await writeVariants(store, name, output.data, output.width).catch(() => 0)
  return {
    name,
    contentType: kind === 'webp'
      ? 'image/webp'
      : 'image/jpeg',
    width: output.width,
    height: output.height,
    bytes: output.data.length,
  }
}
