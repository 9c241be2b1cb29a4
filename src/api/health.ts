import type { Health } from '#schemas/resources'
import * as endpoints from '#schemas/endpoints'
import { call } from './client'

export function getHealth(): Promise<Health> {
  return call(endpoints.health, {}, { silent: true, keepOnNavigate: true })
}

/** True when the API answers its health check (never served from the service worker's cache). */
export async function pingServer(): Promise<boolean> {
  try {
    const health = await getHealth()
    return health.database
  }
  catch {
    return false
  }
}
