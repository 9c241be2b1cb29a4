// sharp (libvips) adds some 30 MB to a process the moment it loads. A server mostly sends pictures already made, so
// it is loaded when a picture is first made (an upload checked, a size written, a demo picture drawn), not at start.
import type { Buffer } from 'node:buffer'
import type { Sharp, SharpOptions } from 'sharp'

type SharpFunction = typeof import('sharp')['default']
let loading: Promise<SharpFunction> | undefined

/** sharp itself, loaded on first use. */
export async function loadSharp(): Promise<SharpFunction> {
  loading ??= import('sharp').then(module => module.default)
  return loading
}

/** `sharp(input, options)`, loading sharp on first use. */
export async function image(input: Buffer, options?: SharpOptions): Promise<Sharp> {
  return (await loadSharp())(input, options)
}
