// The SMS gateway boundary. Production posts each message to the carrier's HTTP gateway ('http'); the demo
// adapter writes the message to the server log, and the test adapter keeps messages for tests to read.
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'

export interface SmsMessage {
  /** 11-digit mainland mobile number. */
  to: string
  /**
   * otp: a personal report; firmOtp: a firm's own certificate (the firm named, so its contact knows what for);
   * caseOtp: opening an objection or repair case (the end of its tracking number named).
   */
  template: 'otp' | 'firmOtp' | 'caseOtp'
  params: { code: string, minutes: number, firm?: string, caseTail?: string }
}

export interface SmsSender {
  readonly name: Config['smsAdapter']
  send: (message: SmsMessage) => Promise<void>
}

/** The text a resident receives (the template a carrier would register). */
export function renderSms(message: SmsMessage): string {
  const { code, minutes, firm, caseTail } = message.params
  switch (message.template) {
    case 'firmOtp':
      return `【信用长宁】验证码 ${code}，${minutes} 分钟内有效，仅用于申请${firm ?? '本企业'}的专用信用报告。如非本企业授权的人员办理，请勿提供。`
    case 'caseOtp':
      return `【信用长宁】验证码 ${code}，${minutes} 分钟内有效，仅用于查看受理编号尾号 ${caseTail ?? ''} 的异议或信用修复申请。请勿告诉他人。`
    default:
      return `【信用长宁】您的验证码为 ${code}，${minutes} 分钟内有效，仅用于查询本人信用报告。请勿告诉他人。`
  }
}

export function createLogSender(log: FastifyBaseLogger): SmsSender {
  return {
    name: 'log',
    async send(message) {
      log.info({
        sms: {
          to: `${message.to.slice(0, 3)}****${message.to.slice(-4)}`,
          text: renderSms(message),
        },
      }, 'sms sent (log adapter)')
    },
  }
}

/**
 * Posts `{ to, template, params, text }` as JSON to the gateway with a bearer token; anything but a 2xx answer
 * within 10 s is a failure (the person is told the code could not be sent and may try again).
 */
export function createHttpSender(gateway: { url: string, token: string }): SmsSender {
  return {
    name: 'http',
    async send(message) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'authorization': `Bearer ${gateway.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          ...message,
          text: renderSms(message),
        }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!res.ok)
        throw new Error(`SMS gateway answered ${res.status}`)
    },
  }
}

export interface TestSmsSender extends SmsSender {
  readonly outbox: SmsMessage[]
}

/** Keeps messages in memory. Only ever built when the server runs with NODE_ENV=test (config enforces it). */
export function createTestSender(): TestSmsSender {
  const outbox: SmsMessage[] = []
  return {
    name: 'test',
    outbox,
    async send(message) {
      outbox.push(message)
      if (outbox.length > 200)
        outbox.shift()
    },
  }
}

export function createSmsSender(config: Config, log: FastifyBaseLogger): SmsSender {
  if (config.smsAdapter === 'test' && config.env === 'test')
    return createTestSender()
  if (config.smsAdapter === 'http' && config.smsGateway)
    return createHttpSender(config.smsGateway)
  return createLogSender(log)
}
