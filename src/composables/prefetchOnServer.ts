import { getCurrentInstance, onServerPrefetch } from 'vue'

/**
 * Server-side rendering waits for this before it renders the component (Vue's onServerPrefetch), so the page comes
 * with its data; in the browser, and outside a component, it does nothing.
 */
export function prefetchOnServer(loading: () => Promise<unknown> | undefined): void {
  if (import.meta.env.SSR && getCurrentInstance())
    onServerPrefetch(async () => void await loading())
}
