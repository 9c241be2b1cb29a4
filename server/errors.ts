// Stable error codes with their user-facing messages. The client shows `message`; code is for programs.
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { zh: '请求参数不正确，请检查后重试。', en: 'The request is not valid. Please check it and try again.' },
  INVALID_USCC: { zh: '统一社会信用代码不正确，请核对后重新输入。', en: 'This unified social credit code is not valid. Please check it and try again.' },
  NOT_FOUND: { zh: '没有找到您要的内容。', en: 'We could not find what you asked for.' },
  ROUTE_NOT_FOUND: { zh: '接口不存在。', en: 'This API endpoint does not exist.' },
  METHOD_NOT_ALLOWED: { zh: '不支持该请求方式。', en: 'This request method is not supported here.' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大。', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容格式。', en: 'This content type is not supported.' },
  BAD_REQUEST: { zh: '请求格式不正确。', en: 'The request is malformed.' },
  TOO_MANY_REQUESTS: { zh: '操作过于频繁，请稍后再试。', en: 'Too many requests. Please try again later.' },
  INVALID_ID_NUMBER: { zh: '身份证号码不正确，请核对后重新输入。', en: 'This ID number is not valid. Please check it and try again.' },
  CONSENT_REQUIRED: { zh: '请先阅读并同意查询授权说明。', en: 'Please read and accept the consent notice first.' },
  CHALLENGE_NOT_FOUND: { zh: '验证已失效，请重新获取验证码。', en: 'This verification has ended. Please request a new code.' },
  CODE_INCORRECT: { zh: '验证码不正确，请核对短信后重新输入。', en: 'The code is not correct. Please check the text message and try again.' },
  CODE_EXPIRED: { zh: '验证码已过期，请重新获取。', en: 'The code has expired. Please request a new one.' },
  CODE_LOCKED: { zh: '验证码错误次数过多，请重新获取验证码。', en: 'Too many wrong codes. Please request a new code.' },
  RESEND_TOO_SOON: { zh: '验证码发送过于频繁，请稍后再试。', en: 'Please wait a little before asking for another code.' },
  KIOSK_UNKNOWN: { zh: '本终端未登记或已停用，请联系工作人员。', en: 'This kiosk is not registered or has been disabled. Please ask staff.' },
  EXIT_CODE_INCORRECT: { zh: '退出码不正确。', en: 'The exit code is not correct.' },
  NAME_REQUIRED: { zh: '请输入姓名。', en: 'Please enter your name.' },
  UNAUTHENTICATED: { zh: '请先登录。', en: 'Please sign in first.' },
  LOGIN_FAILED: { zh: '用户名或密码不正确。', en: 'The username or password is not correct.' },
  FORBIDDEN: { zh: '您没有权限进行此操作。', en: 'You are not allowed to do this.' },
  CSRF_REJECTED: { zh: '请求来源无法确认，请刷新页面后重试。', en: 'The request could not be verified. Please reload the page and try again.' },
  PASSWORD_WEAK: { zh: '密码不符合要求：至少 8 位，且不能是常见密码或包含用户名。', en: 'The password does not meet the rules: at least 8 characters, not a common password, not containing the username.' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改密码。', en: 'Please change your password first.' },
  CURRENT_PASSWORD_WRONG: { zh: '当前密码不正确。', en: 'The current password is not correct.' },
  USERNAME_TAKEN: { zh: '该用户名已被使用。', en: 'This username is already taken.' },
  ACTIVITY_LOCKED: { zh: '该活动当前状态下不能进行此操作（可能已被他人处理），请刷新后重试。', en: 'This activity cannot be changed in its current state (someone may have acted on it). Please reload.' },
  IMAGE_UNREADABLE: { zh: '图片文件已损坏或不完整，请重新选择。', en: 'The picture is damaged or incomplete. Please choose it again.' },
  INTERNAL: { zh: '服务暂时不可用，请稍后再试。', en: 'The service is temporarily unavailable. Please try again later.' },
} as const satisfies Record<string, { zh: string, en: string }>

export type ErrorCode = keyof typeof ERROR_MESSAGES

export type Lang = 'zh' | 'en'

/** Numbers a client can act on: how many tries remain, when to try again. */
export interface ErrorMeta {
  attemptsLeft?: number
  retryAfterSeconds?: number
}

/** An expected failure with an HTTP status and a stable code; thrown by handlers and repositories. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly details?: { field?: string, reason?: string }[],
    readonly meta?: ErrorMeta,
  ) {
    super(code)
    this.name = 'AppError'
  }
}

/** Picks the message language from Accept-Language: English only when preferred over Chinese. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage)
    return 'zh'
  const ranked = acceptLanguage.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.find(p => p.trim().startsWith('q='))
    return {
      tag,
      q: q
        ? Number(q.trim().slice(2)) || 0
        : 1,
      index,
    }
  }).filter(l => l.q > 0).sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh'))
      return 'zh'
    if (tag.startsWith('en'))
      return 'en'
  }
  return 'zh'
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_MESSAGES[code][lang]
}
