// The one axios instance: base URL, timeout, credentials and language. Loaded on first request (see client.ts).
import axios from 'axios'
import { CSRF_HEADER, CSRF_VALUE, KIOSK_HEADER } from '#schemas/endpoint'
import { API_BASE_URL, API_TIMEOUT_MS } from '~/constants'
import { i18n } from '~/modules/i18n'
import { kioskToken } from '~/modules/kiosk-mode'

export const http = axios.create({
  baseURL: API_BASE_URL,
  timeout: API_TIMEOUT_MS,
  withCredentials: true,
  headers: { Accept: 'application/json' },
})

http.interceptors.request.use((config) => {
  config.headers.set('Accept-Language', i18n.global.locale.value)
  // The server refuses changes without it (CSRF): other sites cannot send a custom header without its consent.
  config.headers.set(CSRF_HEADER, CSRF_VALUE)
  // A kiosk names itself on every request: its reports say 自助终端 #N and its limits are its own.
  if (kioskToken && !config.headers.has(KIOSK_HEADER))
    config.headers.set(KIOSK_HEADER, kioskToken)
  return config
})
