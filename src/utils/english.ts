// English versions in the staff editors: the form holds every field as text (a list one item a line); the API takes
// them trimmed, without the empty ones, and no `en` at all when nothing is translated (schemas/english.ts).

/** The form's text for each English field of a record (empty where there is none). */
export function englishForm<K extends string>(keys: readonly K[], en: Partial<Record<K, string | readonly string[]>> | undefined): Record<K, string> {
  return Object.fromEntries(keys.map((key) => {
    const value = en?.[key]
    return [
      key,
      Array.isArray(value)
        ? value.join('\n')
        : (value ?? ''),
    ]
  })) as Record<K, string>
}

/** Sets one English text of an item edited in place (a venue, a street's figure or practice). */
export function setEnglish<T extends { en?: object }>(item: T, key: string, text: string): void {
  item.en = { ...item.en, [key]: text } as T['en']
}

/** What the API takes from the form: `lists` are split into lines; undefined when nothing is filled in. */
export function englishOf<T extends object>(form: Readonly<Record<string, string | undefined>>, lists: readonly string[] = []): T | undefined {
  const entries = Object.entries(form).flatMap(([key, text = '']) => {
    if (lists.includes(key)) {
      const lines = text.split('\n').map(s => s.trim()).filter(Boolean)
      return lines.length > 0
        ? [
            [key, lines],
          ]
        : []
    }
    return text.trim()
      ? [
          [
            key,
            text.trim(),
          ],
        ]
      : []
  })
  return entries.length > 0
    ? Object.fromEntries(entries) as T
    : undefined
}
