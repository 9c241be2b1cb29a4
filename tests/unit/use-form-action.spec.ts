import { describe, expect, it } from 'vitest'
import { ApiError } from '~/api/errors'
import { useFormAction } from '~/composables/useFormAction'

describe('useFormAction', () => {
  it('should be busy while the action runs and show the notice it returns when it succeeds', async () => {
    const form = useFormAction()
    let finish: (notice: string) => void = () => {}
    const running = form.run(() => new Promise<string>((resolve) => {
      finish = resolve
    }))
    expect(form.busy.value).toBe(true)
    finish('已保存')
    expect(await running).toBe(true)
    expect(form.busy.value).toBe(false)
    expect(form.message.value).toBe('已保存')
    expect(form.error.value).toBe('')
  })

  it('should show the server\'s message and clear the last notice when the action fails', async () => {
    const form = useFormAction()
    await form.run(async () => '已保存')
    const ok = await form.run(async () => {
      throw new ApiError('http', 400, 'VALIDATION_FAILED', '标题不能为空')
    })
    expect(ok).toBe(false)
    expect(form.error.value).toBe('标题不能为空')
    expect(form.message.value).toBe('')
    expect(form.busy.value).toBe(false)
  })

  it('should not start a second action while one is running', async () => {
    const form = useFormAction()
    let calls = 0
    let finish: () => void = () => {}
    const first = form.run(() => new Promise<void>((resolve) => {
      calls++
      finish = resolve
    }))
    expect(await form.run(async () => {
      calls++
    })).toBe(false)
    finish()
    expect(await first).toBe(true)
    expect(calls).toBe(1)
  })

  it('should show a check\'s message or a failed load\'s error without running, and clear both on reset', async () => {
    const form = useFormAction()
    await form.run(async () => '已保存')
    form.fail('请填写标题')
    expect(form.error.value).toBe('请填写标题')
    expect(form.message.value).toBe('')
    form.fail(new ApiError('http', 404, 'NOT_FOUND', '内容不存在'))
    expect(form.error.value).toBe('内容不存在')
    expect(form.busy.value).toBe(false)
    form.reset()
    expect(form.error.value).toBe('')
    expect(form.message.value).toBe('')
  })
})
