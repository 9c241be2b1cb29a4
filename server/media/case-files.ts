// Attachments to objections and repair applications: photos (checked and cleaned like staff photos, kept larger so
// a document stays legible) and PDFs (recognised by their bytes, never opened here). They are stored (media/store.ts) as
// case-<key>.<ext>: a name the public media route never matches (server/schemas/endpoints.ts MEDIA_NAME), and one the
// backup takes along with the pictures.
import type { Buffer } from 'node:buffer'
import type { CaseFileType } from '../schemas/domain'
import type { MediaStore } from './store'
import { cleanPicture, sniffImage, UploadError } from './upload'

/** Photos of documents keep up to this many pixels on their longer side. */
const DOCUMENT_SIDE = 2400

const EXTENSIONS: Record<CaseFileType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
}

/** Whether the bytes are a PDF: its header first, its end-of-file mark in the last kilobyte. */
export function isPdf(data: Buffer): boolean {
  return data.length > 64
    && data.toString('latin1', 0, 5) === '%PDF-'
    && data.toString('latin1', Math.max(0, data.length - 1024)).includes('%%EOF')
}

/** The stored file name of an attachment (media/store.ts). */
export function caseFileName(key: string, type: CaseFileType): string {
  return `case-${key}.${EXTENSIONS[type]}`
}

/** Checks and stores an attachment under `key`; its type comes from its bytes. Throws UploadError. */
export async function storeCaseFile(data: Buffer, store: MediaStore, key: string): Promise<{ type: CaseFileType, bytes: number }> {
  if (isPdf(data)) {
    await store.write(caseFileName(key, 'application/pdf'), data)
    return { type: 'application/pdf', bytes: data.length }
  }
  if (!sniffImage(data))
    throw new UploadError('type')
  const picture = await cleanPicture(data, DOCUMENT_SIDE)
  const type = picture.kind === 'webp'
    ? 'image/webp'
    : 'image/jpeg'
  await store.write(caseFileName(key, type), picture.data)
  return { type, bytes: picture.data.length }
}
