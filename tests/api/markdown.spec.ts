import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../server/lib/markdown'

describe('markdown rendering', () => {
  it('should render headings, lists, emphasis and safe links when the body is ordinary Markdown', () => {
    const html = renderMarkdown('## 标题\n\n- 一\n- 二\n\n**重点** [详情](https://example.org/a) [写信](mailto:x@example.org) [电话](tel:021-12345678)')
    expect(html).toContain('<h2>标题</h2>')
    expect(html).toContain('<li>一</li>')
    expect(html).toContain('<strong>重点</strong>')
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">详情</a>')
    expect(html).toContain('<a href="mailto:x@example.org">写信</a>')
    expect(html).toContain('<a href="tel:021-12345678">电话</a>')
  })

  it('should escape raw HTML so no element or handler is created when the body contains HTML', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b onclick="x()">b</b>')
    expect(html).not.toMatch(/<script|<img|<b /i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it.each([
    '[点我](javascript:alert(1))',
    '[点我](JAVASCRIPT:alert(1))',
    '[点我](  javascript:alert(1))',
    '[点我](data:text/html;base64,PHNjcmlwdD4=)',
    '[点我](vbscript:msgbox(1))',
    '[点我](//evil.example/x)',
    '<javascript:alert(1)>',
  ])('should leave the link inert when its target is %s', (source) => {
    const html = renderMarkdown(source)
    expect(html).not.toMatch(/href=/i)
  })

  it('should not render images from anywhere when the body embeds one', () => {
    expect(renderMarkdown('![x](https://example.org/x.png)')).not.toContain('<img')
  })
})
