import { existsSync } from 'node:fs'

// Flags that work as root, headless, on a closed network (see ../shared/docs/TOOLCHAIN.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium; undefined lets Playwright use its own browser if installed. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv)
    return fromEnv
  return existsSync('/usr/bin/chromium')
    ? '/usr/bin/chromium'
    : undefined
}
