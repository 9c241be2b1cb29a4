// The one axios instance: base URL, timeout, credentials and language. Loaded on first request (see client.ts).
import axios from 'axios'
import { API_BASE_URL, API_TIMEOUT_MS } from '~/constants'
import { i18n } from '~/modules/i18n'

export const http = axios.create({
  baseURL: API_BASE_URL,
  timeout: API_TIMEOUT_MS,
  withCredentials: true,
  headers: { Accept: 'application/json' },
})

http.interceptors.request.use((config) => {
  config.headers.set('Accept-Language', i18n.global.locale.value)
  return config
})
