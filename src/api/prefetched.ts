// Answers the server fetched while it rendered the page (server-side rendering, src/entry-server.ts). They come in
// the page as JSON (<script type="application/json" id="ssr-answers">), so the browser's first render has the same
// data as the server's without asking again, and can take over the server's HTML as it is (hydration). Each answer
// is used once, while the app starts; later requests go to the network as always.

/** The element the server writes the answers into. */
export const ANSWERS_ELEMENT_ID = 'ssr-answers'

/**
 * One GET: its path and query, in one spelling for server and browser (keys sorted, empty values left out). Keys
 * sort by code point, not `localeCompare`: its first call loads the browser's collation data, a long task on a slow
 * phone while the app starts, for names that are plain ASCII.
 */
export function requestKey(url: string, query?: object): string {
  const search = new URLSearchParams()
  const byName = ([a]: [string, unknown], [b]: [string, unknown]) => a < b
    ? -1
    : a > b
      ? 1
      : 0
  for (const [name, value] of Object.entries(query ?? {}).sort(byName)) {
    if (value !== undefined && value !== null && value !== '')
      search.append(name, String(value))
  }
  const qs = search.toString()
  return qs
    ? `${url}?${qs}`
    : url
}

const answers = new Map<string, unknown>()

/** Reads the answers the server put in the page, if any, and takes the element out. */
export function readPrefetchedAnswers(): void {
  const element = document.getElementById(ANSWERS_ELEMENT_ID)
  if (!element)
    return
  element.remove()
  try {
    const parsed = JSON.parse(element.textContent ?? '{}') as Record<string, unknown>
    for (const [key, value] of Object.entries(parsed)) answers.set(key, value)
  }
  catch {} // a page without its answers still works: they are asked for again
}

/** The server's answer to this request, once. */
export function takePrefetchedAnswer(key: string): { value: unknown } | undefined {
  if (!answers.has(key))
    return undefined
  const value = answers.get(key)
  answers.delete(key)
  return { value }
}

/** Drops answers no component asked for (the app has started: from now on, everything comes fresh). */
export function forgetPrefetchedAnswers(): void {
  answers.clear()
}

const settled = new WeakMap<Promise<unknown>, { value: unknown }>()

/** A promise whose value is known now: code that must render at once (hydration) can read it with settledValue. */
export function resolvedNow<T>(value: T): Promise<T> {
  const promise = Promise.resolve(value)
  settled.set(promise, { value })
  return promise
}

/** The value of a promise made by resolvedNow, without waiting; undefined for any other promise. */
export function settledValue<T>(promise: Promise<T>): { value: T } | undefined {
  return settled.get(promise) as { value: T } | undefined
}

/** `promise.catch(handle)`, except that a value known now (resolvedNow) stays known now. */
export function orElse<T>(promise: Promise<T>, handle: (error: unknown) => T | Promise<T>): Promise<T> {
  return settledValue(promise)
    ? promise
    : promise.catch(handle)
}
