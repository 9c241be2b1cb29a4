// Run by idle-collect.spec.ts as `node --expose-gc --import tsx`: leaves the old generation as a burst of requests
// does (a few survivors scattered among much garbage), collects as the idle server does, and prints the old space's
// size and use in MB before and after, as JSON.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { exposedCollector } from '../../server/plugins/idle-collect'

function oldSpace() {
  const space = getHeapSpaceStatistics().find(s => s.space_name === 'old_space')!
  return { size: space.space_size / 2 ** 20, used: space.space_used_size / 2 ** 20 }
}

const survivors: object[] = []
let garbage: object[] | undefined = []
for (let i = 0; i < 1_500_000; i++) {
  const answer = {
    id: i,
    title: `answer ${i}`,
    tags: [i],
  }
  if (i % 20 === 0)
    survivors.push(answer)
  else
    garbage.push(answer)
}
garbage = undefined
const collect = exposedCollector()!
// An ordinary full collection first, as V8 runs them under load: it frees the garbage but keeps its pages. V8
// compacts some pages of its own accord now and then; under load it mostly does not, and here it is told not to, so
// that what follows is measured from the same start every time.
setFlagsFromString('--no-compact')
;(globalThis as unknown as { gc: () => void }).gc()
setFlagsFromString('--compact')
const before = oldSpace()
collect()
const after = oldSpace()
process.stdout.write(`${JSON.stringify({ before, after, survivors: survivors.length })}\n`)
