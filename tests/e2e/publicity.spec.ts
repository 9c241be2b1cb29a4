import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { expectDataShown, TABS, waitForServiceWorkerControl } from './support/helpers'
import { removeDir, startServer } from './support/server'

test.use({
  viewport: { width: 390, height: 844 },
})

// The parts of the API's answers these tests read (tests/e2e is type-checked on its own, without server/).
interface Picture { url: string, alt: string }
interface Titled { id: number, title: string }
interface Group<T> { total: number, items: T[] }
interface ArticleList extends Group<Titled> {}
interface Article extends Titled { cover: Picture | null }
interface ActivityList extends Group<Titled & { place: string }> {}
interface Activity extends Titled { place: string, startsAt: string, endsAt: string, photos: Picture[] }
interface StreetDetail { figures: { label: string }[], activityCount: number }
interface SearchResults { benefits: Group<Titled>, articles: Group<Titled>, activities: Group<Titled> }

const STREET_KEY = 'jiangsu-road'
const STREET_NAME = '江苏路街道'

async function api<T>(request: APIRequestContext, baseURL: string | undefined, path: string): Promise<T> {
  const res = await request.get(`${baseURL}${path}`)
  expect(res.ok(), `GET ${path}`).toBe(true)
  return await res.json() as T
}

/** The newest 政策解读 article (what /publicity?kind=policy lists first). */
async function firstPolicyArticle(request: APIRequestContext, baseURL: string | undefined): Promise<Article> {
  const list = await api<ArticleList>(request, baseURL, '/api/articles?kind=policy&pageSize=1')
  expect(list.items.length, 'seed has policy articles').toBeGreaterThan(0)
  return await api<Article>(request, baseURL, `/api/articles/${list.items[0]!.id}`)
}

/** The first activity of 江苏路街道's feed that has photos. */
async function streetActivity(request: APIRequestContext, baseURL: string | undefined): Promise<Activity> {
  const list = await api<ActivityList>(request, baseURL, `/api/activities?street=${STREET_KEY}&pageSize=10`)
  for (const item of list.items) {
    const detail = await api<Activity>(request, baseURL, `/api/activities/${item.id}`)
    if (detail.photos.length > 1)
      return detail
  }
  throw new Error(`no activity of ${STREET_KEY} with photos in the seed data`)
}

/** Scrolls an <img> into view (lazy images load then) and waits until it has decoded pixels. */
async function expectImageLoaded(img: Locator, what: string): Promise<void> {
  await img.scrollIntoViewIfNeeded()
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete
    ? el.naturalWidth
    : 0), { message: `${what} loaded (naturalWidth > 0)` }).toBeGreaterThan(0)
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 })
const articleDetail = (page: Page) => page.getByTestId('article-detail')
const activityDetail = (page: Page) => page.getByTestId('activity-detail')
const articleCover = (page: Page) => articleDetail(page).locator('img.article__cover')
const galleryImages = (page: Page) => page.getByTestId('gallery').locator('img')
const streetFeed = (page: Page) => page.getByRole('region', { name: '诚信活动' })

async function openArticle(page: Page, article: { id: number, title: string }, origin = ''): Promise<void> {
  await page.goto(`${origin}/publicity/${article.id}`)
  await expect(h1(page)).toHaveText(article.title)
  await expect(articleDetail(page).locator('.prose h2').first()).toBeVisible()
}

async function openStreet(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/streets/${STREET_KEY}`)
  await expect(h1(page)).toHaveText(STREET_NAME)
  await expect(page.getByTestId('practices')).toBeVisible()
  await expect(streetFeed(page).getByTestId('activity-card').first()).toBeVisible()
  await expect(page.getByTestId('skeleton')).toHaveCount(0)
}

async function openActivity(page: Page, activity: { id: number, title: string }, origin = ''): Promise<void> {
  await page.goto(`${origin}/activities/${activity.id}`)
  await expect(h1(page)).toHaveText(activity.title)
  await expect(page.getByTestId('gallery')).toBeVisible()
}

test.describe('home', () => {
  test('should open each page when its quick entry on home is tapped', async ({ page }) => {
    await page.goto('/')
    await expectDataShown(page, TABS[0].cards)
    const entries = page.getByRole('region', { name: '常用服务' })
    await expect(entries.getByRole('listitem')).toHaveCount(4)
    for (const entry of [
      { label: '信用惠民', path: '/benefits', heading: '信用惠民' },
      { label: '信用查询', path: '/query', heading: '信用查询' },
      { label: '示范街镇', path: '/streets', heading: '街镇' },
      { label: '诚信宣传', path: '/publicity', heading: '诚信宣传' },
    ]) {
      await entries.getByRole('link', { name: entry.label, exact: true }).click()
      await expect(page).toHaveURL(entry.path)
      await expect(h1(page)).toHaveText(entry.heading)
      await page.goBack()
      await expect(page).toHaveURL('/')
      await expect(h1(page)).toHaveText('信用长宁')
    }
  })

  test('should show the elder-mode switch and benefit, activity and article cards when home is opened', async ({ page }) => {
    await page.goto('/')
    const toggle = page.getByTestId('elder-toggle')
    await expect(toggle).toBeVisible()
    await expect(toggle).toHaveRole('switch')
    await expect(toggle).toContainText('长辈模式')
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    await expectDataShown(page, TABS[0].cards)
    for (const card of TABS[0].cards) {
      const count = await page.getByTestId(card).count()
      expect(count, `${card} on home`).toBeGreaterThan(0)
      expect(count, `${card} on home`).toBeLessThanOrEqual(3)
    }
  })

  test('should load each card thumbnail at the size it is shown, as WebP, not the full picture', async ({ page }) => {
    await page.goto('/')
    await expectDataShown(page, TABS[0].cards)
    const thumbs = page.locator('img.card__thumb')
    expect(await thumbs.count()).toBeGreaterThan(0)
    for (const thumb of await thumbs.all()) {
      await expectImageLoaded(thumb, 'card thumbnail')
      // 96 CSS px on a 1× screen: the smallest size (192 px) is enough.
      expect(await thumb.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(/\/api\/media\/[0-9a-f]{32}\.jpg\/192\.webp$/)
      await expect(thumb).toHaveAttribute('width', '96')
    }
  })
})

test.describe('home before the data arrives', () => {
  // page.route only sees requests the page makes itself: keep the service worker out of the way.
  test.use({ serviceWorkers: 'block' })

  test('should paint the heading, search box and skeletons while the API has not answered yet, on a device that renders pages itself', async ({ page, context, baseURL }) => {
    // Elder mode, English or a kiosk: the server sends the app shell (plugins/render.ts) and the app asks the API.
    await context.addCookies([
      { name: 'cc-own-view', value: '1', url: baseURL! },
    ])
    // Hold every API answer until the shell has been checked: no wall-clock race on a slow machine.
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.route('**/api/**', async (route) => {
      await held
      await route.continue()
    })
    await page.goto('/')
    await expect(h1(page)).toHaveText('信用长宁')
    await expect(page.getByTestId('home-search')).toBeVisible()
    await expect(page.getByRole('search').getByRole('button', { name: '搜索' })).toBeVisible()
    await expect(page.getByTestId('skeleton')).toHaveCount(3)
    await expect(page.getByTestId('skeleton').first()).toBeVisible()
    // …all of it while the data was still pending.
    expect(await page.getByTestId('benefit-card').count()).toBe(0)

    release()
    await expectDataShown(page, TABS[0].cards)
    await expect(page.getByTestId('skeleton')).toHaveCount(0)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
  })
})

test.describe('article', () => {
  test('should show the title, loaded cover and safe body when the first 政策解读 is opened from the list', async ({ page, context, request, baseURL }) => {
    const expected = await firstPolicyArticle(request, baseURL)
    await page.goto('/publicity')
    await expectDataShown(page, ['article-card'])
    const chips = page.getByRole('group', { name: '按栏目筛选' })
    await chips.getByRole('button', { name: '政策解读' }).click()
    await expect(page).toHaveURL('/publicity?kind=policy')
    await expect(chips.getByRole('button', { name: '政策解读' })).toHaveAttribute('aria-pressed', 'true')
    const first = page.getByTestId('article-card').first()
    await expect(first).toContainText('政策解读')
    await expect(first.getByRole('heading')).toHaveText(expected.title)
    const title = (await first.getByRole('heading').textContent() ?? '').trim()

    await first.getByRole('link', { name: title }).click()
    await expect(page).toHaveURL(/\/publicity\/\d+$/)
    const id = Number(new URL(page.url()).pathname.split('/').pop())
    expect(id).toBe(expected.id)
    await expect(h1(page)).toHaveText(title)
    await expect(page).toHaveTitle(`${title} - 信用长宁`)

    const cover = articleCover(page)
    await expect(cover).toHaveAttribute('alt', /\S/)
    await expect(cover).toHaveAttribute('alt', expected.cover!.alt)
    await expectImageLoaded(cover, 'article cover')

    const prose = articleDetail(page).locator('.prose')
    await expect(prose.locator('h2').first()).toBeVisible()
    expect(await prose.locator('p').count(), 'paragraphs in the body').toBeGreaterThan(1)

    // External links open in a new tab that cannot reach back into the app.
    const external = prose.locator('a[href^="https:"]')
    expect(await external.count(), 'the first policy article links out').toBeGreaterThan(0)
    for (const link of await external.all()) {
      await expect(link).toHaveAttribute('target', '_blank')
      await expect(link).toHaveAttribute('rel', /\bnoopener\b/)
    }
    await context.route('https://example.org/**', route => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>外部</title>' }))
    const popupOpened = page.waitForEvent('popup')
    await external.first().click()
    const popup = await popupOpened
    await popup.waitForLoadState()
    expect(await popup.evaluate(() => window.opener), 'window.opener in the new tab').toBeNull()
    await popup.close()
    await expect(page).toHaveURL(`/publicity/${id}`)

    // Nothing executable made it through the server's Markdown rendering.
    await expect(prose.locator('script')).toHaveCount(0)
    const handlers = await prose.evaluate(root => [
      ...root.querySelectorAll('*'),
    ].flatMap(el =>
      [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => `<${el.localName} ${a.name}>`)))
    expect(handlers, 'event-handler attributes in the body').toEqual([])
    const scriptLinks = await prose.locator('a').evaluateAll(links => links
      .map(a => a.getAttribute('href') ?? '')
      .filter(href => !/^(?:https?:|mailto:|tel:|\/|#)/i.test(href.trim())))
    expect(scriptLinks, 'links with other schemes').toEqual([])
  })
})

test.describe('demonstration street and its activities', () => {
  test('should show the street profile, practices and activity feed when 江苏路街道 is opened from the list', async ({ page, request, baseURL }) => {
    const street = await api<StreetDetail>(request, baseURL, `/api/streets/${STREET_KEY}`)
    await page.goto('/streets')
    await expectDataShown(page, ['street-card'])
    await page.getByTestId('street-card').getByRole('link', { name: STREET_NAME }).click()

    await expect(page).toHaveURL(`/streets/${STREET_KEY}`)
    await expect(h1(page)).toHaveText(STREET_NAME)
    await expect(page.getByTestId('street-detail').locator('.chip', { hasText: '示范街镇' })).toBeVisible()

    const figures = page.locator('dl[aria-label="基本情况"]')
    await expect(figures.locator('dt').first()).toBeVisible()
    const figureCount = await figures.locator('dt').count()
    expect(figureCount, 'figures').toBeGreaterThanOrEqual(3)
    await expect(figures.locator('dd')).toHaveCount(figureCount)
    await expect(figures.locator('dt')).toHaveText(street.figures.map(f => f.label))

    const practices = page.getByTestId('practices')
    await expect(practices.getByRole('heading', { level: 2 })).toHaveText('信用示范做法')
    const items = practices.getByRole('listitem')
    expect(await items.count(), 'practices').toBeGreaterThanOrEqual(5)
    for (const item of await items.all()) {
      await expect(item.getByRole('heading', { level: 3 })).toBeVisible()
      await expect(item).toContainText('怎么做')
      await expect(item).toContainText('成效')
    }

    const feed = streetFeed(page)
    await expect(feed.getByRole('heading', { level: 2 })).toHaveText('诚信活动')
    await expect(feed.getByTestId('activity-card')).toHaveCount(street.activityCount)
    for (const card of await feed.getByTestId('activity-card').all())
      await expect(card).toContainText(STREET_NAME)
  })

  test('should show facts, a zoomable gallery and a calendar file when an activity of the street is opened', async ({ page, request, baseURL }) => {
    const activity = await streetActivity(request, baseURL)
    await openStreet(page)
    const card = streetFeed(page).getByTestId('activity-card').filter({ hasText: activity.title })
    await card.getByRole('link', { name: activity.title }).click()

    await expect(page).toHaveURL(`/activities/${activity.id}`)
    await expect(h1(page)).toHaveText(activity.title)
    const facts = activityDetail(page).locator('dl')
    await expect(facts.locator('dt')).toHaveText(['时间', '地点', '街镇'])
    await expect(facts.locator(`time[datetime="${activity.startsAt}"]`)).toBeVisible()
    await expect(facts.locator(`time[datetime="${activity.endsAt}"]`)).toBeVisible()
    await expect(facts.locator('dd').nth(1)).toHaveText(activity.place)
    await expect(facts.getByRole('link', { name: STREET_NAME })).toHaveAttribute('href', `/streets/${STREET_KEY}`)

    // Gallery: every thumbnail loaded, with its text alternative.
    const thumbs = galleryImages(page)
    await expect(thumbs).toHaveCount(activity.photos.length)
    for (const [i, photo] of activity.photos.entries()) {
      await expect(thumbs.nth(i)).toHaveAttribute('alt', photo.alt)
      await expectImageLoaded(thumbs.nth(i), `gallery photo ${i + 1}`)
    }

    // Tapping a thumbnail opens the photo viewer (Vant ImagePreview) on that photo: a labelled dialog whose
    // photos carry their text alternatives, with a focused, labelled close button; Escape closes it too.
    const preview = page.locator('.van-image-preview')
    const opener = page.getByRole('button', { name: '查看第 2 张照片' })
    await opener.click()
    await expect(preview).toBeVisible()
    await expect(preview).toHaveRole('dialog')
    await expect(preview).toHaveAttribute('aria-label', '活动照片')
    const shown = preview.locator(`img[src="${activity.photos[1]!.url}"]`)
    await expect(shown).toBeVisible()
    await expect(shown).toHaveAttribute('alt', activity.photos[1]!.alt)
    await expectImageLoaded(shown, 'photo in the preview')
    await expect(preview.getByText(`2 / ${activity.photos.length}`)).toBeVisible()
    // Full screen, the photo as wide as the phone, the close button in the top-right corner.
    const viewport = page.viewportSize()!
    await expect.poll(async () => (await preview.boundingBox())?.width, { message: 'preview width' }).toBeGreaterThanOrEqual(viewport.width - 1)
    await expect.poll(async () => (await shown.boundingBox())?.width, { message: 'photo width in the preview' }).toBeGreaterThanOrEqual(viewport.width * 0.9)
    const close = page.getByTestId('photo-viewer-close')
    await expect(close).toHaveAccessibleName('关闭')
    await expect(close).toBeVisible()
    await expect(close).toBeFocused()
    const closeBox = (await close.boundingBox())!
    expect(closeBox.x + closeBox.width, 'close button at the right edge').toBeGreaterThan(viewport.width - 60)
    expect(closeBox.y, 'close button at the top').toBeLessThan(60)
    expect(await axeViolations(page), 'axe with the viewer open').toEqual([])
    await close.click()
    await expect(preview).toBeHidden()
    await expect(page).toHaveURL(`/activities/${activity.id}`)
    await expect(opener).toBeFocused()

    await opener.click()
    await expect(preview).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(preview).toBeHidden()
    await expect(page).toHaveURL(`/activities/${activity.id}`)

    // The phone's back button closes the viewer and stays on the activity.
    await opener.click()
    await expect(preview).toBeVisible()
    await expect(page).toHaveURL(`/activities/${activity.id}?photo=2`)
    await page.goBack()
    await expect(preview).toBeHidden()
    await expect(page).toHaveURL(`/activities/${activity.id}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(activity.title)

    // 加入日历: an .ics file for this activity.
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: '加入日历' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`activity-${activity.id}.ics`)
    const ics = await readFile(await download.path(), 'utf8')
    const unfolded = ics.replace(/\r\n[ \t]/g, '')
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(unfolded).toContain('BEGIN:VEVENT')
    expect(unfolded).toContain('END:VEVENT')
    const summary = /^SUMMARY:(.*)$/m.exec(unfolded)?.[1]?.replace(/\r$/, '').replace(/\\([,;\\])/g, '$1')
    expect(summary, 'SUMMARY of the event').toBe(activity.title)
    expect(unfolded).toContain(`UID:activity-${activity.id}@`)
  })
})

test.describe('unified search', () => {
  test('should group results, find activity-only terms, say when nothing matched and remember terms when searching from home', async ({ page, request, baseURL }) => {
    const credit = await api<SearchResults>(request, baseURL, `/api/search?q=${encodeURIComponent('信用')}`)
    expect(credit.benefits.total * credit.articles.total * credit.activities.total, '信用 is in every group').toBeGreaterThan(0)

    // A word from an activity's place that no benefit or article mentions.
    const activities = await api<ActivityList>(request, baseURL, '/api/activities?pageSize=50')
    let term = ''
    let onlyActivities: SearchResults | undefined
    for (const place of [
      ...new Set(activities.items.map(a => a.place)),
    ]) {
      for (let len = 4; len >= 3 && !term; len--) {
        const candidate = place.slice(-len)
        const found = await api<SearchResults>(request, baseURL, `/api/search?q=${encodeURIComponent(candidate)}`)
        if (found.activities.total > 0 && found.benefits.total === 0 && found.articles.total === 0) {
          term = candidate
          onlyActivities = found
        }
      }
      if (term)
        break
    }
    expect(term, 'a place word found only in activities').not.toBe('')

    await page.goto('/')
    await page.getByTestId('home-search').fill('信用')
    await page.getByTestId('home-search').press('Enter')
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent('信用')}`)
    await expect(h1(page)).toHaveText('搜索')
    await expect(page.getByTestId('search-input')).toHaveValue('信用')
    await expect(page.getByRole('status').filter({ hasText: '“信用”的搜索结果' })).toBeVisible()
    const groups = [
      {
        testId: 'results-benefits',
        name: '惠民措施',
        card: 'benefit-card',
        answer: credit.benefits,
      },
      {
        testId: 'results-articles',
        name: '诚信宣传',
        card: 'article-card',
        answer: credit.articles,
      },
      {
        testId: 'results-activities',
        name: '诚信活动',
        card: 'activity-card',
        answer: credit.activities,
      },
    ]
    for (const group of groups) {
      const section = page.getByTestId(group.testId)
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(`${group.name} ${group.answer.total} 项`)
      await expect(section.getByTestId(group.card)).toHaveCount(group.answer.items.length)
      await expect(section.getByTestId(group.card).getByRole('heading')).toHaveText(group.answer.items.map(i => i.title))
    }

    // A place word: only the activity group.
    await page.getByTestId('search-input').fill(term)
    await page.getByRole('search').getByRole('button', { name: '搜索' }).click()
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent(term)}`)
    const activityGroup = page.getByTestId('results-activities')
    await expect(activityGroup.getByTestId('activity-card')).toHaveCount(onlyActivities!.activities.items.length)
    await expect(activityGroup.getByTestId('activity-card').getByRole('heading')).toHaveText(onlyActivities!.activities.items.map(a => a.title))
    await expect(page.getByTestId('results-benefits')).toHaveCount(0)
    await expect(page.getByTestId('results-articles')).toHaveCount(0)
    await expect(page.getByTestId('search-empty')).toHaveCount(0)

    // Nonsense: the empty state.
    const nonsense = 'zzqx查无此词'
    await page.getByTestId('search-input').fill(nonsense)
    await page.getByTestId('search-input').press('Enter')
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent(nonsense)}`)
    await expect(page.getByTestId('search-empty')).toContainText('没有找到相关内容')
    await expect(page.locator('[data-test^="results-"]')).toHaveCount(0)

    // No term: the recent searches, newest first, each a link back to its results.
    await page.goto('/search')
    const history = page.getByTestId('search-history')
    await expect(history).toContainText('最近搜索')
    await expect(history.getByRole('link')).toHaveText([nonsense, term, '信用'])
    await history.getByRole('link', { name: '信用', exact: true }).click()
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent('信用')}`)
    await expect(page.getByTestId('results-benefits').getByTestId('benefit-card')).toHaveCount(credit.benefits.items.length)
  })
})

test.describe('reading offline', () => {
  test('should reopen an article, a street and an activity with their pictures when the server is gone', async ({ page }) => {
    // Our own server: stopping it must not disturb the other tests.
    const server = await startServer()
    try {
      const origin = server.url
      const article = await (await fetch(`${origin}/api/articles?kind=policy&pageSize=1`)).json() as ArticleList
      const activities = await (await fetch(`${origin}/api/activities?street=${STREET_KEY}&pageSize=1`)).json() as ActivityList
      const target = { article: article.items[0]!, activity: activities.items[0]! }

      await page.goto(`${origin}/`)
      await expect(h1(page)).toHaveText('信用长宁')
      await waitForServiceWorkerControl(page)

      // Online, through the service worker: every picture the reader saw.
      await openArticle(page, target.article, origin)
      await expectImageLoaded(articleCover(page), 'article cover')
      await openStreet(page, origin)
      const thumb = streetFeed(page).locator('img.card__thumb').first()
      await expectImageLoaded(thumb, 'activity thumbnail on the street page')
      await openActivity(page, target.activity, origin)
      const photos = await galleryImages(page).count()
      expect(photos).toBeGreaterThan(0)
      for (let i = 0; i < photos; i++)
        await expectImageLoaded(galleryImages(page).nth(i), `gallery photo ${i + 1}`)

      await server.stop()

      // The activity is the page on screen: reload it, then open the other two afresh.
      await page.reload()
      await expect(h1(page)).toHaveText(target.activity.title)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('detail-error')).toHaveCount(0)
      await expect(activityDetail(page).locator('dl dd').nth(1)).toHaveText(target.activity.place)
      await expect(galleryImages(page)).toHaveCount(photos)
      for (let i = 0; i < photos; i++)
        await expectImageLoaded(galleryImages(page).nth(i), `gallery photo ${i + 1} offline`)

      await openArticle(page, target.article, origin)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('detail-error')).toHaveCount(0)
      await expectImageLoaded(articleCover(page), 'article cover offline')

      await openStreet(page, origin)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('practices').getByRole('listitem').first()).toBeVisible()
      await expect(page.getByTestId('list-error')).toHaveCount(0)
      await expectImageLoaded(streetFeed(page).locator('img.card__thumb').first(), 'activity thumbnail offline')
    }
    finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })
})

for (const mode of ['normal', 'elder'] as const) {
  test.describe(`publicity accessibility in ${mode} mode`, () => {
    const targets = [
      {
        name: 'home',
        open: async (page: Page) => {
          await page.goto('/')
          await expectDataShown(page, TABS[0].cards)
        },
      },
      {
        name: 'an article',
        open: async (page: Page, request: APIRequestContext, baseURL?: string) => {
          const article = await firstPolicyArticle(request, baseURL)
          await openArticle(page, article)
          await expectImageLoaded(articleCover(page), 'article cover')
        },
      },
      {
        name: `the ${STREET_KEY} street page`,
        open: async (page: Page) => openStreet(page),
      },
      {
        name: 'an activity',
        open: async (page: Page, request: APIRequestContext, baseURL?: string) => {
          const activity = await streetActivity(request, baseURL)
          await openActivity(page, activity)
          await expect(galleryImages(page)).toHaveCount(activity.photos.length)
        },
      },
    ]
    for (const target of targets) {
      test(`should have no axe violations on ${target.name} when in ${mode} mode`, async ({ page, request, baseURL }) => {
        if (mode === 'elder')
          await enableElderMode(page)
        await target.open(page, request, baseURL)
        if (mode === 'elder')
          await expect(page.locator('html')).toHaveClass(/\belder\b/)
        const violations = await axeViolations(page)
        expect(violations, `axe on ${target.name} (${mode}):\n${violations.join('\n')}`).toEqual([])
      })
    }
  })
}
