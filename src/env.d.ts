/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_BASE_URL?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'

  const component: DefineComponent<object, object, unknown>
  export default component
}

// Locale files: plain JSON, imported as data (vite.config.ts localeMessages).
declare module '*.json5' {
  const messages: Record<string, unknown>
  export default messages
}
