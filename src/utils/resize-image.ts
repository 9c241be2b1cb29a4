// Photos are made smaller on the device before upload (field staff are often on mobile data): at most 1600 px on
// the longer side, JPEG. The server checks, strips and re-encodes them again anyway.
export const MAX_PHOTO_SIDE = 1600

export async function resizeImage(file: Blob, maxSide = MAX_PHOTO_SIDE, quality = 0.85): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
  const width = Math.round(bitmap.width * scale)
  const height = Math.round(bitmap.height * scale)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context)
    throw new Error('canvas 2d context unavailable')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  return new Promise((resolve, reject) => {
    canvas.toBlob(blob => blob
      ? resolve(blob)
      : reject(new Error('could not encode the photo')), 'image/jpeg', quality)
  })
}
