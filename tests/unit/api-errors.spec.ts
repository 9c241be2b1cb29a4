import { describe, expect, it } from 'vitest'
import { ApiError, toApiError } from '~/api/errors'

const fallback = { network: 'NET', timeout: 'TIME', unknown: 'UNK' }
const axiosError = (extra: object) => ({ isAxiosError: true, message: 'x', ...extra })

describe('toApiError', () => {
  it('should keep the server\'s code and message when the response has the error envelope', () => {
    const error = toApiError(axiosError({
      response: {
        status: 400,
        data: {
          error: { code: 'VALIDATION_FAILED', message: '请求参数不正确' },
        },
      },
    }), fallback)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '请求参数不正确',
    })
  })

  it('should report a network error when no response arrived', () => {
    expect(toApiError(axiosError({ code: 'ERR_NETWORK' }), fallback)).toMatchObject({ kind: 'network', message: 'NET' })
  })

  it('should report a timeout when the request took too long', () => {
    expect(toApiError(axiosError({ code: 'ECONNABORTED' }), fallback)).toMatchObject({ kind: 'timeout', message: 'TIME' })
  })

  it('should mark cancelled requests so nobody shows them as failures', () => {
    expect(toApiError({ code: 'ERR_CANCELED', name: 'CanceledError' }, fallback).kind).toBe('canceled')
  })

  it('should use a generic message when the body is not the envelope (e.g. a proxy\'s HTML page)', () => {
    expect(toApiError(axiosError({
      response: { status: 502, data: '<html>Bad gateway</html>' },
    }), fallback))
      .toMatchObject({
        kind: 'http',
        status: 502,
        code: 'HTTP_502',
        message: 'UNK',
      })
  })

  it('should wrap anything else as unknown', () => {
    expect(toApiError(new TypeError('boom'), fallback)).toMatchObject({ code: 'UNKNOWN', message: 'UNK' })
  })
})
