// Staff and admin accounts: sign-in (a session cookie the app never sees), the signed-in user, account management.
import type { AccountList, AccountSummary, CreateAccountRequest, Me, UpdateAccountRequest } from '../../server/schemas/accounts'
import type { RequestOptions } from './client'
import { get, post, request } from './client'

export function login(username: string, password: string, options: RequestOptions = {}) {
  return post<Me>('/auth/login', { username, password }, options)
}

export function logout(options: RequestOptions = {}) {
  return post<null>('/auth/logout', {}, options)
}

export function getMe(options: RequestOptions = {}) {
  return get<Me>('/auth/me', { keepOnNavigate: true, ...options })
}

export function changePassword(current: string, next: string, options: RequestOptions = {}) {
  return post<null>('/auth/password', { current, next }, options)
}

export function listAccounts(options: RequestOptions = {}) {
  return get<AccountList>('/admin/users', options)
}

export function createAccount(body: CreateAccountRequest, options: RequestOptions = {}) {
  return post<AccountSummary>('/admin/users', body, options)
}

export function updateAccount(id: number, body: UpdateAccountRequest, options: RequestOptions = {}) {
  return request<AccountSummary>({ method: 'PATCH', url: `/admin/users/${id}`, data: body }, options)
}

export function resetPassword(id: number, password: string, options: RequestOptions = {}) {
  return post<null>(`/admin/users/${id}/password`, { password }, options)
}
