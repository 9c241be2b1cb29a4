// Links that carry something in their fragment (a printed report's check link #n=…&c=…, a kiosk's install link
// #token=…): read it once at start and take it out of the address before the router sees it, so it never reaches
// the router's scroll memory (sessionStorage), the history or a screenshot of the address bar.
const params = new URLSearchParams(import.meta.env.SSR
  ? ''
  : location.hash.slice(1))
if (!import.meta.env.SSR && location.hash)
  history.replaceState(history.state, '', `${location.pathname}${location.search}`)

const taken = new Set<string>()

/** The value given in the start address's fragment, once: later calls get null. */
export function takeStartFragment(name: string): string | null {
  if (taken.has(name))
    return null
  taken.add(name)
  return params.get(name)
}
