// The picture process: the one place sharp (libvips) runs. The server starts it when a picture is to be made (an
// upload checked, a size written, a demo picture drawn) and stops it when it has been idle a while
// (server/media/pictures.ts), so libvips, its threads and the memory they keep never live in the server itself.
// Plain JavaScript, run by plain node: the same file serves the sources and the compiled server. One request at a
// time: { id, op, args } in, { id, result } or { id, error } out (Buffers travel by the advanced serialisation).
import { Buffer } from 'node:buffer'
import process from 'node:process'
import sharp from 'sharp'

// No libvips operation cache: a picture is made once and stored, never made again from the same input.
sharp.cache(false)

/** Bytes as a Buffer, whichever view the message brought them in. */
function bytes(view) {
  return Buffer.isBuffer(view)
    ? view
    : Buffer.from(view.buffer, view.byteOffset, view.byteLength)
}

/** An error the server turns into its own (a picture refused: `reason`), not a failure of the process. */
function refused(reason) {
  return Object.assign(new Error(reason), { reason })
}

const operations = {
  /**
   * An uploaded picture checked and cleaned (server/media/upload.ts says what and why): its header's size within
   * `maxPixels`, decoded in full, turned upright, fitted within `maxSide`, encoded again without metadata.
   */
  async clean(data, { kind, maxSide, maxPixels }) {
    const input = bytes(data)
    let declared
    try {
      declared = await sharp(input).metadata() // the header only: no pixel is decoded here
    }
    catch {
      throw refused('corrupt')
    }
    if (!declared.width || !declared.height)
      throw refused('corrupt')
    if (declared.width * declared.height > maxPixels)
      throw refused('too-large')
    try {
      const pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels })
        .rotate()
        .resize({
          width: maxSide,
          height: maxSide,
          fit: 'inside',
          withoutEnlargement: true,
        })
      const output = await (kind === 'webp'
        ? pipeline.webp({ quality: 82 })
        : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true })
      ).toBuffer({ resolveWithObject: true })
      return { data: output.data, width: output.info.width, height: output.info.height }
    }
    catch {
      throw refused('corrupt')
    }
  },

  /** One size of a stored picture (server/media/variants.ts). */
  async resize(data, { width, format }) {
    const resized = sharp(bytes(data)).resize({ width, withoutEnlargement: true })
    return format === 'webp'
      ? resized.webp({ quality: 72, effort: 4 }).toBuffer()
      : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true }).toBuffer()
  },

  /** An SVG drawn as a progressive JPEG without metadata (the demo illustrations, server/seed/illustrations). */
  async svgToJpeg(svg, { quality }) {
    return sharp(Buffer.from(svg), { density: 72 })
      .jpeg({
        quality,
        progressive: true,
        mozjpeg: typeof sharp.versions === 'object' && 'mozjpeg' in sharp.versions,
        chromaSubsampling: '4:2:0',
      })
      .toBuffer()
  },

  /** What a picture is: format and size, from its header (for tests and checks). */
  async describe(data) {
    const { format, width, height } = await sharp(bytes(data)).metadata()
    return { format, width, height }
  },
}

process.on('message', async ({ id, op, args }) => {
  try {
    const run = operations[op]
    if (!run)
      throw new Error(`no picture operation ${op}`)
    process.send({ id, result: await run(...args) })
  }
  catch (error) {
    process.send({
      id,
      error: {
        message: String(error?.message ?? error),
        reason: error?.reason,
      },
    })
  }
})
// The server let go of it (idle, closing, or gone): nothing is left to do.
process.on('disconnect', () => process.exit(0))
