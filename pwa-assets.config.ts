import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config'

// All PWA icons (favicon, 192, 512, maskable 512, apple-touch-icon) are generated from this one SVG at build time.
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: minimal2023Preset,
  images: ['public/logo.svg'],
})
