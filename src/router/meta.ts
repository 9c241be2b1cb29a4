// What a route declares about itself (read by the guards, the tab bar and the kiosk shell).
import type { MessageSection } from '~/modules/i18n'

export type TabName = 'home' | 'benefits' | 'publicity' | 'streets' | 'query'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title and the page heading). */
    titleKey: string
    /** Which bottom tab is current; none for pages outside the tabs. */
    tab?: TabName
    /** Message sections the page needs beyond the main bundle's. */
    messages?: MessageSection[]
    /** Kiosk screens that show personal data: a shorter idle time before the privacy wipe. */
    personal?: boolean
    /**
     * The server renders this page into the HTML it sends (src/entry-server.ts): public content, the same for
     * everyone, read from the URL alone. Pages that read the device (search history, settings) or show anything
     * personal are left to the browser; a form whose start fragment is read once the app runs (/verify) may be.
     */
    rendered?: boolean
    /** Staff portal pages: who may open them (the server checks again on every request). */
    access?: 'signedIn' | 'admin'
  }
}
