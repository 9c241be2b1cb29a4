// An activity as the staff side of the server holds it: the API's StaffActivity plus the ids it checks access by.
import type { StaffActivity } from '../schemas/staff'

export interface StaffActivityRecord extends StaffActivity {
  streetId: number
  authorId: number | null
}

/** The record as the API answers it: without the fields only the server uses. */
export function toStaffActivity({ streetId: _s, authorId: _a, ...activity }: StaffActivityRecord): StaffActivity {
  return activity
}
