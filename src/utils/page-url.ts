/**
 * The full address of an app page, for sharing, QR codes and calendar files. The server renders pages without
 * knowing the address the reader used, so there it stays relative (nothing it renders shows it).
 */
export function pageUrl(path: string): string {
  return import.meta.env.SSR
    ? path
    : `${location.origin}${path}`
}
