import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './modules/i18n'
import { installErrorNotifications } from './modules/notify'
import { pinia } from './modules/pinia'
import { router } from './router'
import './modules/fragment' // first: takes the start address's fragment before the router reads the address
import './styles/main.css'

const app = createApp(App)
app.use(pinia)
app.use(i18n)
app.use(router)
installErrorNotifications()
app.mount('#app')
