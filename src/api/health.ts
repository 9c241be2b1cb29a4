import type { Health } from '../../server/schemas/resources'
import { get } from './client'

export function getHealth(): Promise<Health> {
  return get<Health>('/health', { silent: true, keepOnNavigate: true })
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
