import type { Me } from '#schemas/accounts'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { ApiError } from '~/api/errors'

/** The signed-in staff member or admin (from the server; the session cookie itself is HttpOnly). */
export const useAuthStore = defineStore('auth', () => {
  const user = shallowRef<Me | null>(null)
  const checked = ref(false)

  /** Asks the server once who is signed in (again with `force`). */
  async function load(force = false) {
    if (checked.value && !force)
      return user.value
    try {
      user.value = await call(endpoints.me, {}, { silent: true, keepOnNavigate: true })
    }
    catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401)
        throw e
      user.value = null
    }
    checked.value = true
    return user.value
  }

  async function login(username: string, password: string) {
    user.value = await call(endpoints.login, {
      body: { username, password },
    }, { silent: true })
    checked.value = true
    return user.value
  }

  async function logout() {
    try {
      await call(endpoints.logout, {}, { silent: true })
    }
    finally {
      user.value = null
    }
  }

  async function changePassword(current: string, next: string) {
    await call(endpoints.changePassword, {
      body: { current, next },
    }, { silent: true })
    if (user.value)
      user.value = { ...user.value, mustChangePassword: false }
  }

  return {
    user,
    checked,
    load,
    login,
    logout,
    changePassword,
  }
})
