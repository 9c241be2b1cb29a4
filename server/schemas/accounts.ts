// Staff and district-office accounts: sign-in, the signed-in user, account management by admins.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { StreetRef } from './resources'

export const ROLES = ['staff', 'admin'] as const

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(ROLES),
  /** Street staff: their one street. Admins: null. */
  street: Type.Union([
    StreetRef,
    Type.Null(),
  ]),
  /** A reset password must be changed before anything else. */
  mustChangePassword: Type.Boolean(),
})
export type Me = Static<typeof Me>

export const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[a-z0-9][a-z0-9._-]*$' })
/** Compared exactly as typed: `secret` keeps the body's text cleaning (lib/validation.ts) away from it. */
export const Password = Type.String({ minLength: 1, maxLength: 256, secret: true })

export const LoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Password,
}, { additionalProperties: false })
export type LoginRequest = Static<typeof LoginRequest>

export const ChangePasswordRequest = Type.Object({
  current: Password,
  next: Password,
}, { additionalProperties: false })
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>

export const AccountSummary = Type.Object({
  ...Me.properties,
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  /** Locked after failed sign-ins from many addresses, until then (or until an admin lifts it); null: not locked. */
  lockedUntil: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
})
export type AccountSummary = Static<typeof AccountSummary>
export const AccountList = Type.Object({
  items: Type.Array(AccountSummary),
})
export type AccountList = Static<typeof AccountList>

export const CreateAccountRequest = Type.Object({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' }),
  role: Type.Enum(ROLES),
  /** Street key; required for staff, absent for admins. */
  street: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  /** A first password, to be changed at first sign-in. */
  password: Password,
}, { additionalProperties: false })
export type CreateAccountRequest = Static<typeof CreateAccountRequest>

export const UpdateAccountRequest = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' })),
  street: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateAccountRequest = Static<typeof UpdateAccountRequest>

export const ResetPasswordRequest = Type.Object({ password: Password }, { additionalProperties: false })
export type ResetPasswordRequest = Static<typeof ResetPasswordRequest>

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  /** null: the command line (e.g. admin:create). */
  actor: Type.Union([
    Type.Object({
      username: Type.String(),
      displayName: Type.String(),
    }),
    Type.Null(),
  ]),
  action: Type.String(),
  target: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  detail: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
})
export type AuditEntry = Static<typeof AuditEntry>
export const AuditLog = Type.Object({
  items: Type.Array(AuditEntry),
})
export type AuditLog = Static<typeof AuditLog>
