/** dist-server/server.mjs: the compiled API server. */
export const SERVER_MODULE: string
/** Compiles server/server.ts into dist-server/server.mjs (and its source map). */
export function buildServer(): Promise<void>
