/**
 * Share a link: the system share sheet where there is one (Web Share API), else copy to the clipboard.
 * Resolves to what happened, so the caller can tell the user.
 */
export async function shareLink(data: { title: string, text?: string, url: string }): Promise<'shared' | 'copied' | 'cancelled' | 'failed'> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share(data)
      return 'shared'
    }
    catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError')
        return 'cancelled'
      // fall through to copying (e.g. not allowed in this context)
    }
  }
  return (await copyText(data.url))
    ? 'copied'
    : 'failed'
}

/** Copies text to the clipboard; false when the browser refuses (no permission, insecure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  }
  catch {
    return false
  }
}
