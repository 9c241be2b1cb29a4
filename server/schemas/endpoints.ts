// Every endpoint of the API, declared once: method, path, who may call it, and the schemas of its input and answer.
// The server registers its routes from these (server/routes/*, through server/lib/serve.ts); the app calls them
// with src/api/client.ts#call(endpoints.x, args), whose argument and result types come from the same objects.
// Paths are under /api. In the app's bundle only method, path and upload are kept (vite.config.ts#contractRoutes).
import { Type } from 'typebox'
import { MEDIA_VARIANT } from '#common/media'
import { AccountList, AccountSummary, AuditLog, ChangePasswordRequest, CreateAccountRequest, LoginRequest, Me, ResetPasswordRequest, UpdateAccountRequest } from './accounts'
import { CaseDecision, CaseDocumentsRequest, CaseFile, CaseFileParams, CaseFileQuery, CaseLookupRequest, CaseOpenRequest, CaseReceipt, CaseView, ObjectionRequest, RepairRequest, StaffCase, StaffCaseList, StaffCaseQuery } from './cases'
import { IdParams } from './common'
import { AdminArticle, AdminArticleList, AdminBenefit, AdminBenefitList, ArticleInput, BenefitInput, StreetProfileInput } from './content'
import { CertificateChallengeRequest, CertificateRequest, Challenge, ChallengeRequest, EnterpriseProfile, FirmCertificate, KioskExitRequest, KioskSession, PersonalReport, ReportRequest, ResendRequest, VerifyRequest, VerifyResult } from './credit'
import { CASE_FILE_TYPES } from './domain'
import { endpoint } from './endpoint'
import { CreatedSource, CreateSourceRequest, INTAKE_UPLOAD_TYPES, IntakeBatch, IntakeBatchResult, IntakeImport, IntakeImportList, IntakeRejectionPage, IntakeRejectionQuery, IntakeSourceList, TemplateParams, UploadIntakeQuery } from './intake'
import { Activity, ActivityList, ActivityQuery, Article, ArticleList, ArticleQuery, Benefit, BenefitCategoryCounts, BenefitCategoryQuery, BenefitList, BenefitQuery, EnterpriseList, EnterpriseQuery, Health, SearchQuery, SearchResults, StreetDetail, StreetList, StreetParams } from './resources'
import { CreateActivityRequest, PreviewRequest, PreviewResult, ReturnRequest, StaffActivity, StaffActivityList, StaffActivityQuery, StaffPhoto, UploadQuery } from './staff'
import { Stats, STATS_KINDS } from './stats'

/** Stored pictures: a random name and the type's extension. */
export const MEDIA_NAME = '^[a-f0-9]{32}\\.(?:jpg|webp|png)$'
/** The picture types staff may upload (as the raw request body); the bytes decide what a file really is. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const

const UsccParams = Type.Object({
  uscc: Type.String({ minLength: 1, maxLength: 40 }),
})

// ── Health ────────────────────────────────────────────────────────────────────────────────────────────────────
export const health = endpoint({
  method: 'GET',
  path: '/health',
  access: 'public',
  response: Health,
  also: { 503: Health },
})

/** The API's OpenAPI 3 description, generated from these declarations' schemas. */
export const openapi = endpoint({
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  produces: 'application/json',
})

// ── Public catalogue (cached by the service worker, revalidated) ────────────────────────────────────────────────
export const streets = endpoint({
  method: 'GET',
  path: '/streets',
  access: 'public',
  response: StreetList,
})
export const street = endpoint({
  method: 'GET',
  path: '/streets/:key',
  access: 'public',
  params: StreetParams,
  response: StreetDetail,
})
export const benefits = endpoint({
  method: 'GET',
  path: '/benefits',
  access: 'public',
  query: BenefitQuery,
  response: BenefitList,
})
export const benefitCategories = endpoint({
  method: 'GET',
  path: '/benefits/categories',
  access: 'public',
  query: BenefitCategoryQuery,
  response: BenefitCategoryCounts,
})
export const benefit = endpoint({
  method: 'GET',
  path: '/benefits/:id',
  access: 'public',
  params: IdParams,
  response: Benefit,
})
export const articles = endpoint({
  method: 'GET',
  path: '/articles',
  access: 'public',
  query: ArticleQuery,
  response: ArticleList,
})
export const article = endpoint({
  method: 'GET',
  path: '/articles/:id',
  access: 'public',
  params: IdParams,
  response: Article,
})
export const activities = endpoint({
  method: 'GET',
  path: '/activities',
  access: 'public',
  query: ActivityQuery,
  response: ActivityList,
})
export const activity = endpoint({
  method: 'GET',
  path: '/activities/:id',
  access: 'public',
  params: IdParams,
  response: Activity,
})
export const search = endpoint({
  method: 'GET',
  path: '/search',
  access: 'public',
  query: SearchQuery,
  response: SearchResults,
})
export const enterprises = endpoint({
  method: 'GET',
  path: '/enterprises',
  access: 'public',
  query: EnterpriseQuery,
  response: EnterpriseList,
})
export const enterprise = endpoint({
  method: 'GET',
  path: '/enterprises/:uscc',
  access: 'public',
  params: UsccParams,
  response: EnterpriseProfile,
})
/** A picture; public ones are immutable, others only for signed-in staff (the route sets its own cache policy). */
export const media = endpoint({
  method: 'GET',
  path: '/media/:name',
  access: 'public',
  params: Type.Object({
    name: Type.String({ pattern: MEDIA_NAME }),
  }),
  produces: 'image/*',
})
/** One of the sizes a picture is served at (common/media.ts), e.g. /media/<name>/480.webp. */
export const mediaVariant = endpoint({
  method: 'GET',
  path: '/media/:name/:variant',
  access: 'public',
  params: Type.Object({
    name: Type.String({ pattern: MEDIA_NAME }),
    variant: Type.String({ pattern: MEDIA_VARIANT }),
  }),
  produces: 'image/*',
})

// ── Personal credit report and authenticity check (never cached) ────────────────────────────────────────────────
export const requestCode = endpoint({
  method: 'POST',
  path: '/personal/challenges',
  access: 'personal',
  body: ChallengeRequest,
  status: 201,
  response: Challenge,
})
export const resendCode = endpoint({
  method: 'POST',
  path: '/personal/challenges/resend',
  access: 'personal',
  body: ResendRequest,
  response: Challenge,
})
export const issueReport = endpoint({
  method: 'POST',
  path: '/personal/reports',
  access: 'personal',
  body: ReportRequest,
  status: 201,
  response: PersonalReport,
})

// ── A firm's own credit certificate (never cached); its codes are resent through resendCode ─────────────────────
export const requestCertificateCode = endpoint({
  method: 'POST',
  path: '/certificates/challenges',
  access: 'personal',
  body: CertificateChallengeRequest,
  status: 201,
  response: Challenge,
})
export const issueCertificate = endpoint({
  method: 'POST',
  path: '/certificates',
  access: 'personal',
  body: CertificateRequest,
  status: 201,
  response: FirmCertificate,
})
/** Checks a personal report (CN-…) or a firm's certificate (FC-…) by its number and verification code. */
export const verifyReport = endpoint({
  method: 'POST',
  path: '/reports/verify',
  access: 'personal',
  body: VerifyRequest,
  response: VerifyResult,
})
/** Test mode only (SMS_ADAPTER=test): the codes "sent", newest first, for the end-to-end tests. */
export const testSms = endpoint({
  method: 'GET',
  path: '/test/sms',
  access: 'personal',
  response: Type.Array(Type.Object({
    to: Type.String(),
    code: Type.String(),
  })),
})

// ── Objections and credit repair (never cached) ─────────────────────────────────────────────────────────────────
/**
 * An attachment, as the raw photo or PDF body, uploaded under the grant of a report, certificate or case lookup
 * (header `x-case-grant`: the challenge token that proved who the applicant is, minutes ago).
 */
export const uploadCaseFile = endpoint({
  method: 'POST',
  path: '/cases/files',
  access: 'personal',
  query: CaseFileQuery,
  upload: CASE_FILE_TYPES,
  stream: true,
  status: 201,
  response: CaseFile,
})
export const fileObjection = endpoint({
  method: 'POST',
  path: '/cases/objections',
  access: 'personal',
  body: ObjectionRequest,
  status: 201,
  response: CaseReceipt,
})
export const fileRepair = endpoint({
  method: 'POST',
  path: '/cases/repairs',
  access: 'personal',
  body: RepairRequest,
  status: 201,
  response: CaseReceipt,
})
/** Documents the office asked for, added to the case under the grant of its lookup. */
export const addCaseDocuments = endpoint({
  method: 'POST',
  path: '/cases/documents',
  access: 'personal',
  body: CaseDocumentsRequest,
  response: CaseView,
})
/** Sends a code to the phone on file of the case's subject (the same answer when the number is not on file). */
export const requestCaseLookup = endpoint({
  method: 'POST',
  path: '/cases/lookups',
  access: 'personal',
  body: CaseLookupRequest,
  status: 201,
  response: Challenge,
})
export const openCase = endpoint({
  method: 'POST',
  path: '/cases/open',
  access: 'personal',
  body: CaseOpenRequest,
  response: CaseView,
})
export const adminCases = endpoint({
  method: 'GET',
  path: '/admin/cases',
  access: 'admin',
  query: StaffCaseQuery,
  response: StaffCaseList,
})
export const adminCase = endpoint({
  method: 'GET',
  path: '/admin/cases/:id',
  access: 'admin',
  params: IdParams,
  response: StaffCase,
})
export const decideCase = endpoint({
  method: 'POST',
  path: '/admin/cases/:id/decision',
  access: 'admin',
  params: IdParams,
  body: CaseDecision,
  response: StaffCase,
})
/** An attachment, for the office only (no-store). */
export const adminCaseFile = endpoint({
  method: 'GET',
  path: '/admin/cases/:id/files/:key',
  access: 'admin',
  params: CaseFileParams,
  produces: 'application/octet-stream',
})

// ── Kiosks ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const kioskSession = endpoint({
  method: 'GET',
  path: '/kiosk/session',
  access: 'kiosk',
  response: KioskSession,
})
export const kioskExit = endpoint({
  method: 'POST',
  path: '/kiosk/exit',
  access: 'kiosk',
  body: KioskExitRequest,
  status: 204,
})

// ── Staff sign-in ───────────────────────────────────────────────────────────────────────────────────────────────
export const login = endpoint({
  method: 'POST',
  path: '/auth/login',
  access: 'account',
  body: LoginRequest,
  response: Me,
})
export const logout = endpoint({
  method: 'POST',
  path: '/auth/logout',
  access: 'account',
  status: 204,
})
export const me = endpoint({
  method: 'GET',
  path: '/auth/me',
  access: 'session',
  response: Me,
})
export const changePassword = endpoint({
  method: 'POST',
  path: '/auth/password',
  access: 'session',
  body: ChangePasswordRequest,
  status: 204,
})

// ── Accounts and audit (admins) ─────────────────────────────────────────────────────────────────────────────────
export const accounts = endpoint({
  method: 'GET',
  path: '/admin/users',
  access: 'admin',
  response: AccountList,
})
export const createAccount = endpoint({
  method: 'POST',
  path: '/admin/users',
  access: 'admin',
  body: CreateAccountRequest,
  status: 201,
  response: AccountSummary,
})
export const updateAccount = endpoint({
  method: 'PATCH',
  path: '/admin/users/:id',
  access: 'admin',
  params: IdParams,
  body: UpdateAccountRequest,
  response: AccountSummary,
})
export const unlockAccount = endpoint({
  method: 'POST',
  path: '/admin/users/:id/unlock',
  access: 'admin',
  params: IdParams,
  status: 204,
})
export const resetPassword = endpoint({
  method: 'POST',
  path: '/admin/users/:id/password',
  access: 'admin',
  params: IdParams,
  body: ResetPasswordRequest,
  status: 204,
})
export const auditLog = endpoint({
  method: 'GET',
  path: '/admin/audit',
  access: 'admin',
  response: AuditLog,
})

// ── Staff activities, photos and review ─────────────────────────────────────────────────────────────────────────
export const staffActivities = endpoint({
  method: 'GET',
  path: '/staff/activities',
  access: 'staff',
  query: StaffActivityQuery,
  response: StaffActivityList,
})
export const staffActivity = endpoint({
  method: 'GET',
  path: '/staff/activities/:id',
  access: 'staff',
  params: IdParams,
  response: StaffActivity,
})
/** Creates a draft or submits at once; a replay with the same client key answers 200 with what the first created. */
export const createActivity = endpoint({
  method: 'POST',
  path: '/staff/activities',
  access: 'street',
  keepsPublic: true,
  body: CreateActivityRequest,
  status: 201,
  response: StaffActivity,
  also: { 200: StaffActivity },
})
export const updateActivity = endpoint({
  method: 'PUT',
  path: '/staff/activities/:id',
  access: 'staff',
  params: IdParams,
  body: Type.Object(CreateActivityRequest.properties, { additionalProperties: false }),
  response: StaffActivity,
})
export const submitActivity = endpoint({
  method: 'POST',
  path: '/staff/activities/:id/submit',
  access: 'staff',
  params: IdParams,
  response: StaffActivity,
})
export const approveActivity = endpoint({
  method: 'POST',
  path: '/admin/activities/:id/approve',
  access: 'admin',
  params: IdParams,
  response: StaffActivity,
})
export const returnActivity = endpoint({
  method: 'POST',
  path: '/admin/activities/:id/return',
  access: 'admin',
  params: IdParams,
  body: ReturnRequest,
  response: StaffActivity,
})
export const withdrawActivity = endpoint({
  method: 'POST',
  path: '/admin/activities/:id/withdraw',
  access: 'admin',
  params: IdParams,
  response: StaffActivity,
})
export const previewMarkdown = endpoint({
  method: 'POST',
  path: '/staff/preview',
  access: 'staff',
  keepsPublic: true,
  body: PreviewRequest,
  response: PreviewResult,
})
/** A photo as the raw image body (resized on the device first). */
export const uploadPhoto = endpoint({
  method: 'POST',
  path: '/staff/media',
  access: 'staff',
  keepsPublic: true,
  query: UploadQuery,
  upload: UPLOAD_TYPES,
  status: 201,
  response: StaffPhoto,
})

// ── Content management ──────────────────────────────────────────────────────────────────────────────────────────
export const adminArticles = endpoint({
  method: 'GET',
  path: '/admin/articles',
  access: 'admin',
  response: AdminArticleList,
})
export const adminArticle = endpoint({
  method: 'GET',
  path: '/admin/articles/:id',
  access: 'admin',
  params: IdParams,
  response: AdminArticle,
})
export const createArticle = endpoint({
  method: 'POST',
  path: '/admin/articles',
  access: 'admin',
  body: ArticleInput,
  status: 201,
  response: AdminArticle,
})
export const updateArticle = endpoint({
  method: 'PUT',
  path: '/admin/articles/:id',
  access: 'admin',
  params: IdParams,
  body: ArticleInput,
  response: AdminArticle,
})
export const adminBenefits = endpoint({
  method: 'GET',
  path: '/admin/benefits',
  access: 'admin',
  response: AdminBenefitList,
})
export const adminBenefit = endpoint({
  method: 'GET',
  path: '/admin/benefits/:id',
  access: 'admin',
  params: IdParams,
  response: AdminBenefit,
})
export const createBenefit = endpoint({
  method: 'POST',
  path: '/admin/benefits',
  access: 'admin',
  body: BenefitInput,
  status: 201,
  response: AdminBenefit,
})
export const updateBenefit = endpoint({
  method: 'PUT',
  path: '/admin/benefits/:id',
  access: 'admin',
  params: IdParams,
  body: BenefitInput,
  response: AdminBenefit,
})
/** A street's profile and practices, published directly by its own staff (admins: every street). */
export const updateStreet = endpoint({
  method: 'PUT',
  path: '/staff/streets/:key',
  access: 'staff',
  params: StreetParams,
  body: StreetProfileInput,
  response: StreetDetail,
})

// ── Statistics (admins) ─────────────────────────────────────────────────────────────────────────────────────────
export const stats = endpoint({
  method: 'GET',
  path: '/admin/stats',
  access: 'admin',
  response: Stats,
})
export const statsCsv = endpoint({
  method: 'GET',
  path: '/admin/stats/:kind.csv',
  access: 'admin',
  params: Type.Object({
    kind: Type.Enum(STATS_KINDS),
  }),
  produces: 'text/csv',
})

// ── 双公示 intake (admins: files; department systems: batches) ─────────────────────────────────────────────────
export const intakeTemplate = endpoint({
  method: 'GET',
  path: '/admin/intake/template/:kind.csv',
  access: 'admin',
  params: TemplateParams,
  produces: 'text/csv',
})
export const intakeImports = endpoint({
  method: 'GET',
  path: '/admin/intake/imports',
  access: 'admin',
  response: IntakeImportList,
})
export const uploadIntake = endpoint({
  method: 'POST',
  path: '/admin/intake/imports',
  access: 'admin',
  query: UploadIntakeQuery,
  upload: INTAKE_UPLOAD_TYPES,
  stream: true,
  response: IntakeImport,
  status: 201,
  keepsPublic: true,
})
export const intakeImport = endpoint({
  method: 'GET',
  path: '/admin/intake/imports/:id',
  access: 'admin',
  params: IdParams,
  response: IntakeImport,
})
export const intakeRejections = endpoint({
  method: 'GET',
  path: '/admin/intake/imports/:id/rejections',
  access: 'admin',
  params: IdParams,
  query: IntakeRejectionQuery,
  response: IntakeRejectionPage,
})
export const intakeRejectionsCsv = endpoint({
  method: 'GET',
  path: '/admin/intake/imports/:id/rejections.csv',
  access: 'admin',
  params: IdParams,
  produces: 'text/csv',
})
export const commitIntake = endpoint({
  method: 'POST',
  path: '/admin/intake/imports/:id/commit',
  access: 'admin',
  params: IdParams,
  response: IntakeImport,
})
export const rollbackIntake = endpoint({
  method: 'POST',
  path: '/admin/intake/imports/:id/rollback',
  access: 'admin',
  params: IdParams,
  response: IntakeImport,
})
export const intakeSources = endpoint({
  method: 'GET',
  path: '/admin/intake/sources',
  access: 'admin',
  response: IntakeSourceList,
})
export const createIntakeSource = endpoint({
  method: 'POST',
  path: '/admin/intake/sources',
  access: 'admin',
  body: CreateSourceRequest,
  response: CreatedSource,
  status: 201,
  keepsPublic: true,
})
export const revokeIntakeSource = endpoint({
  method: 'POST',
  path: '/admin/intake/sources/:id/revoke',
  access: 'admin',
  params: IdParams,
  status: 204,
  keepsPublic: true,
})
export const pushPermissions = endpoint({
  method: 'POST',
  path: '/intake/permissions',
  access: 'source',
  body: IntakeBatch,
  response: IntakeBatchResult,
})
export const pushPenalties = endpoint({
  method: 'POST',
  path: '/intake/penalties',
  access: 'source',
  body: IntakeBatch,
  response: IntakeBatchResult,
})
