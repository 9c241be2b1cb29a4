import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { inTurn } from '~/components/common/HydrateInTurn'

// The queue that takes a rendered page's parts over one task each (components/common/HydrateInTurn.ts).
describe('parts taken over in turn', () => {
  const settled = () => new Promise(resolve => setTimeout(resolve, 20))

  it('should run queued parts in order, each in a task of its own', async () => {
    const seen: string[] = []
    for (const part of ['first', 'second', 'third']) {
      inTurn(() => {
        seen.push(part)
        // Work a part leaves for later in its own task runs before the next part: the parts are separate tasks.
        void Promise.resolve().then(() => seen.push(`${part} done`))
      })
    }
    expect(seen, 'nothing runs in the task that queued the parts').toEqual([])
    await settled()
    expect(seen).toEqual([
      'first',
      'first done',
      'second',
      'second done',
      'third',
      'third done',
    ])
  })

  it('should go on with the next parts when one fails, and leave out a part taken back', async () => {
    const seen: string[] = []
    // The failure is reported as any uncaught error is (here to the process; in a browser, to window.onerror).
    const reported: unknown[] = []
    const report = (error: unknown) => reported.push(error)
    process.on('uncaughtException', report)
    try {
      inTurn(() => {
        throw new Error('a part failed')
      })
      const takeBack = inTurn(() => seen.push('taken back'))
      inTurn(() => seen.push('after'))
      takeBack()
      await settled()
    }
    finally {
      process.off('uncaughtException', report)
    }
    expect(seen).toEqual(['after'])
    expect(reported).toEqual([
      new Error('a part failed'),
    ])
  })
})
