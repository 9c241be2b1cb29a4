// sharp (libvips) adds some 30 MB to a process the moment it loads. A server mostly sends pictures already made, so
// it is loaded when a picture is first made (an upload checked, a size written, a demo picture drawn), not at start.
import type { Buffer } from 'node:buffer'
import type { Sharp, SharpOptions } from 'sharp'

type SharpFunction = typeof import('sharp')['default']
let loading: Promise<SharpFunction> | undefined

/** sharp itself, loaded on first use. */
export async function loadSharp(): Promise<SharpFunction> {
  loading ??= import('sharp').then((module) => {
    // No libvips operation cache: a picture is made once and stored, never made again from the same input, and the
    // cache (up to 50 MB and 100 operations by default) stayed in the server's memory for good.
    module.default.cache(false)
    return module.default
  })
  return loading
}

/** `sharp(input, options)`, loading sharp on first use. */
export async function image(input: Buffer, options?: SharpOptions): Promise<Sharp> {
  return (await loadSharp())(input, options)
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs picture work one job at a time, in the order asked. libvips works in libuv's threads, and each thread that
 * ever made a picture kept its own malloc arena of what that took: a page's six pictures made at once grew the
 * server by some 100 MB for good. One at a time, they are made as fast on this 2-core machine (each job already
 * uses the CPU it can) and the API's own requests are not starved meanwhile.
 */
export function pictureJob<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job)
  queue = run.catch(() => undefined)
  return run
}
