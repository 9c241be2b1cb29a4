// Pictures are made in a process of their own (picture-worker.mjs, where sharp runs), started when a picture is
// to be made and stopped when none has been asked for a while. sharp (libvips) adds some 50 MB to a process the
// moment it loads, and the threads that made pictures keep their memory: in the server itself that stayed for good
// after a first upload or the first demo pictures drawn. A server mostly sends pictures already made, so the cost
// is paid only while pictures are being made. Jobs run one at a time, in the order asked.
import type { ChildProcess } from 'node:child_process'
import { Buffer } from 'node:buffer'
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The picture process's code: beside this module in the sources, beside server.mjs once compiled. */
const WORKER = fileURLToPath(new URL('./picture-worker.mjs', import.meta.url))
/** How long the picture process stays after its last job (a page's pictures, an upload's sizes come in bursts). */
const DEFAULT_IDLE_MS = 10_000

/** A picture the picture process refused (not one it failed to make): `reason` says why. */
export class PictureRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

interface Answer {
  id: number
  result?: unknown
  error?: { message: string, reason?: string }
}

let idleMs = DEFAULT_IDLE_MS
let child: ChildProcess | undefined
let waiting: { id: number, resolve: (value: unknown) => void, reject: (error: Error) => void } | undefined
let nextId = 1
let jobs = 0
let idleTimer: NodeJS.Timeout | undefined

/** Sets how long the picture process stays after its last job (tests). */
export function setPictureIdle(ms: number): void {
  idleMs = ms
}

/** The picture process's pid while it runs (tests and diagnostics). */
export function pictureProcessId(): number | undefined {
  return child?.pid
}

/** Stops the picture process now (after its idle time; tests); the next picture starts it again. */
export function stopPictureProcess(): void {
  clearTimeout(idleTimer)
  if (child?.connected)
    child.disconnect()
  child = undefined
}

function start(): ChildProcess {
  const started = fork(WORKER, [], {
    // Plain node for plain JavaScript: none of the server's own flags (heap size, loaders, --expose-gc).
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  started.on('message', (answer: Answer) => {
    if (!waiting || answer.id !== waiting.id)
      return
    const { resolve, reject } = waiting
    waiting = undefined
    if (answer.error) {
      reject(answer.error.reason
        ? new PictureRefused(answer.error.reason)
        : new Error(`picture process: ${answer.error.message}`))
    }
    else {
      resolve(answer.result)
    }
  })
  const ended = (error?: Error) => {
    if (child === started)
      child = undefined
    if (waiting) {
      const { reject } = waiting
      waiting = undefined
      reject(error ?? new Error('the picture process ended before answering'))
    }
  }
  started.on('exit', () => ended())
  started.on('error', ended)
  return started
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs picture work one job at a time, in the order asked: one process, never a pile of pictures in memory at once,
 * and the API's own requests are not starved meanwhile.
 */
export function pictureJob<T>(job: () => Promise<T>): Promise<T> {
  jobs++
  clearTimeout(idleTimer)
  const run = queue.then(job).finally(() => {
    jobs--
    if (jobs === 0)
      idle()
  })
  queue = run.catch(() => undefined)
  return run
}

/** No job left: the process no longer holds the server open, and stops after idleMs. */
function idle(): void {
  child?.unref()
  child?.channel?.unref()
  idleTimer = setTimeout(stopPictureProcess, idleMs)
  idleTimer.unref()
}

/** One operation of the picture process (picture-worker.mjs), in turn. */
function inPictureProcess<T>(op: string, ...args: unknown[]): Promise<T> {
  return pictureJob(() => new Promise<T>((resolve, reject) => {
    child ??= start()
    // While a job runs, the process keeps a command (a seed, a CLI) from ending under it.
    child.ref()
    child.channel?.ref()
    const id = nextId++
    waiting = { id, resolve: resolve as (value: unknown) => void, reject }
    child.send({ id, op, args }, (error) => {
      if (error && waiting?.id === id) {
        waiting = undefined
        reject(error)
      }
    })
  }))
}

/** Bytes as a Buffer, whichever view the message brought them in. */
function toBuffer(view: Uint8Array): Buffer {
  return Buffer.isBuffer(view)
    ? view
    : Buffer.from(view.buffer, view.byteOffset, view.byteLength)
}

/**
 * An uploaded picture checked and cleaned (media/upload.ts): header within `maxPixels`, decoded in full, upright,
 * fitted within `maxSide`, encoded again (WebP as WebP, else JPEG) without metadata. Rejects with PictureRefused
 * ('corrupt', 'too-large') for a picture that cannot be taken.
 */
export async function cleanPictureBytes(data: Buffer, options: { kind: 'jpeg' | 'webp' | 'png', maxSide: number, maxPixels: number }): Promise<{ data: Buffer, width: number, height: number }> {
  const out = await inPictureProcess<{ data: Uint8Array, width: number, height: number }>('clean', data, options)
  return {
    ...out,
    data: toBuffer(out.data),
  }
}

/** One size of a picture: `width` wide at most, WebP or JPEG (media/variants.ts). */
export async function resizePicture(data: Buffer, width: number, format: 'webp' | 'jpg'): Promise<Buffer> {
  return toBuffer(await inPictureProcess<Uint8Array>('resize', data, { width, format }))
}

/** An SVG drawn as a progressive JPEG (the demo illustrations). */
export async function svgToJpeg(svg: string, quality: number): Promise<Buffer> {
  return toBuffer(await inPictureProcess<Uint8Array>('svgToJpeg', svg, { quality }))
}

/** A picture's format and size, from its header. */
export function describePicture(data: Buffer): Promise<{ format?: string, width?: number, height?: number }> {
  return inPictureProcess('describe', data)
}
