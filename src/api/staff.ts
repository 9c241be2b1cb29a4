// The staff portal's activities, photos and review decisions.
import type { ActivityStatus } from '../../server/schemas/domain'
import type { CreateActivityRequest, PreviewResult, StaffActivity, StaffActivityList, StaffPhoto } from '../../server/schemas/staff'
import type { RequestOptions } from './client'
import { get, post, request } from './client'

export function listStaffActivities(status?: ActivityStatus, options: RequestOptions = {}) {
  return get<StaffActivityList>('/staff/activities', {
    ...options,
    params: status
      ? { status }
      : {},
  })
}

export function getStaffActivity(id: number, options: RequestOptions = {}) {
  return get<StaffActivity>(`/staff/activities/${id}`, options)
}

export function createActivity(body: CreateActivityRequest, options: RequestOptions = {}) {
  return post<StaffActivity>('/staff/activities', body, options)
}

export function updateActivity(id: number, body: CreateActivityRequest, options: RequestOptions = {}) {
  return request<StaffActivity>({ method: 'PUT', url: `/staff/activities/${id}`, data: body }, options)
}

export function submitActivity(id: number, options: RequestOptions = {}) {
  return post<StaffActivity>(`/staff/activities/${id}/submit`, {}, options)
}

export function approveActivity(id: number, options: RequestOptions = {}) {
  return post<StaffActivity>(`/admin/activities/${id}/approve`, {}, options)
}

export function returnActivity(id: number, note: string, options: RequestOptions = {}) {
  return post<StaffActivity>(`/admin/activities/${id}/return`, { note }, options)
}

export function withdrawActivity(id: number, options: RequestOptions = {}) {
  return post<StaffActivity>(`/admin/activities/${id}/withdraw`, {}, options)
}

export function previewMarkdown(body: string, options: RequestOptions = {}) {
  return post<PreviewResult>('/staff/preview', { body }, options)
}

/** Uploads a (device-resized) photo as the raw image body. */
export function uploadPhoto(photo: Blob, alt: string, options: RequestOptions = {}) {
  return request<StaffPhoto>({
    method: 'POST',
    url: '/staff/media',
    params: { alt },
    data: photo,
    headers: { 'Content-Type': photo.type || 'image/jpeg' },
  }, options)
}
