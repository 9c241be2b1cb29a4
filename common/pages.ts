// The app's page sections: the first path segment of every client route (src/router). The server answers the
// app shell with 200 only under these; anything else gets the shell with 404 (the app shows "not found"), and
// paths that look like files or dot-folders (/.git/config, /.env, /x.php) a plain 404 — no soft 404s.
export const PAGE_SECTIONS = [
  '',
  'activities',
  'benefits',
  'kiosk',
  'publicity',
  'query',
  'search',
  'settings',
  'staff',
  'streets',
  'verify',
] as const

/** How the server answers a GET for a path outside /api and the built files. */
export function pageAnswer(path: string): 'page' | 'unknown-page' | 'not-found' {
  const segments = path.split('/').slice(1)
  if (segments.some(s => s.startsWith('.')) || /\.[a-z0-9]+$/i.test(path))
    return 'not-found'
  return (PAGE_SECTIONS as readonly string[]).includes(segments[0] ?? '')
    ? 'page'
    : 'unknown-page'
}
