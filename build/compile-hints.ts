// V8's explicit compile hint: a file that starts with the magic comment `//# allFunctionsCalledOnLoad` has all its
// functions compiled eagerly, on the thread that streams the script in, instead of one at a time on the main thread
// when each is first called (Chrome 136+; other engines read a comment). Worth it only where nearly every function
// runs at load: the code every page starts with (the entry and its static imports: Vue, the router, the app's
// frame) and a page's own chunk, whose set-up and render run as soon as it loads. Taking a rendered page over
// (hydration) on a phone spent about a third of its time compiling Vue's functions on the main thread.
import type { Plugin, Rollup } from 'vite'

type OutputBundle = Rollup.OutputBundle
type OutputChunk = Rollup.OutputChunk

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/** The chunks to hint: every entry with its static imports, and the chunks of modules under src/pages/. */
export function chunksRunAtLoad(bundle: OutputBundle): OutputChunk[] {
  const chosen = new Map<string, OutputChunk>()
  const visit = (fileName: string): void => {
    const chunk = bundle[fileName]
    if (chunk?.type !== 'chunk' || chosen.has(fileName))
      return
    chosen.set(fileName, chunk)
    chunk.imports.forEach(visit)
  }
  for (const output of Object.values(bundle)) {
    if (output.type !== 'chunk')
      continue
    if (output.isEntry)
      visit(output.fileName)
    else if (output.facadeModuleId && /[\\/]src[\\/]pages[\\/].+\.vue$/.test(output.facadeModuleId))
      chosen.set(output.fileName, output)
  }
  return [
    ...chosen.values(),
  ]
}

/** Adds the hint to the chunks run at load (client build only; before compression and the service worker's list). */
export function compileHints(): Plugin {
  return {
    name: 'credit:compile-hints',
    apply: 'build',
    // Before the other plugins' generateBundle, where compression reads the code. Vite then puts a chunk's table of
    // dependencies (`const __vite__mapDeps=…`) above the hint: V8 compiles eagerly every function after the comment.
    enforce: 'pre',
    generateBundle(_options, bundle) {
      for (const chunk of chunksRunAtLoad(bundle)) {
        if (!chunk.code.startsWith(COMPILE_HINT))
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`
      }
    },
  }
}
