// Run by idle-collect.spec.ts as `node --expose-gc --import tsx`: leaves the old generation as a burst of requests
// does (a few survivors scattered among much garbage), collects as the idle server does, and prints the old space's
// size and use in MB before and after, as JSON.
import { getHeapSpaceStatistics } from 'node:v8'
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
// An ordinary full collection first, as V8 would run one under load: it frees the garbage but keeps its pages.
;(globalThis as unknown as { gc: () => void }).gc()
const before = oldSpace()
collect()
const after = oldSpace()
process.stdout.write(`${JSON.stringify({ before, after, survivors: survivors.length })}\n`)
