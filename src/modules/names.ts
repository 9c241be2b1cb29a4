// English names of things that come from fixed lists but are stored as their Chinese names (firm types as the
// register writes them, the authorities behind credit records). They load with the English messages; a name not in
// the list is shown as it is, in Chinese.
import { shallowRef } from 'vue'

export interface EnglishNames {
  firmTypes: Record<string, string>
  authorities: Record<string, string>
}

const names = shallowRef<EnglishNames | null>(null)

export async function loadEnglishNames(): Promise<void> {
  names.value ??= (await import('~/locales/names/en.json')).default
}

/** The English name of a firm type or an authority, once the English names have loaded. */
export function englishName(kind: keyof EnglishNames, chinese: string): string | undefined {
  return names.value?.[kind][chinese]
}
