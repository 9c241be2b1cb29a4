import { createApp, createSSRApp } from 'vue'
import { forgetPrefetchedAnswers, readPrefetchedAnswers } from './api/prefetched'
import App from './App.vue'
import { inTurn } from './components/common/HydrateInTurn'
import { replayEarlyClicks } from './modules/early-clicks'
import { i18n } from './modules/i18n'
import { installErrorNotifications } from './modules/notify'
import { pinia } from './modules/pinia'
import { renderedByServer, takesOverServerView } from './modules/server-view'
import { createBrowserRouter } from './router'
import './modules/fragment' // first: takes the start address's fragment before the router reads the address
import './styles/main.css'

// The server may have rendered this page (src/entry-server.ts). When this device shows pages as the server does,
// the app takes that HTML over as it is, with the answers the server read (hydration); otherwise it renders anew.
const container = document.getElementById('app')!
const serverRendered = renderedByServer()
const hydrate = takesOverServerView()
if (hydrate)
  readPrefetchedAnswers()

const app = hydrate
  ? createSSRApp(App)
  : createApp(App)
app.use(pinia)
app.use(i18n)
installErrorNotifications()
if (serverRendered) {
  // The server's HTML stays on screen until the page's code is here: then it is taken over, or replaced at once.
  // The start is cut into tasks (the code's modules, the router and its first route, the page) so that a phone's
  // input gets a turn between them.
  inTurn(() => {
    const router = createBrowserRouter()
    app.use(router)
    void router.isReady().then(() => inTurn(() => {
      app.mount(container)
      forgetPrefetchedAnswers()
      replayEarlyClicks()
    }))
  })
}
else {
  app.use(createBrowserRouter())
  app.mount(container)
}
