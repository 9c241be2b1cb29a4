// The API under load: autocannon on one endpoint at a time against a running server, same connections and duration
// for each, so every endpoint can be compared with the server's own floor (/api/health) measured in the same run.
import autocannon from 'autocannon'

/** The public read endpoints, with arguments taken from the demo data the server answers. */
export async function publicEndpoints(origin) {
  const get = path => fetch(`${origin}${path}`).then(r => r.json())
  const [benefits, articles, activities, streets, firms] = await Promise.all([
    get('/api/benefits'),
    get('/api/articles'),
    get('/api/activities'),
    get('/api/streets'),
    get(`/api/enterprises?q=${encodeURIComponent('上海')}`),
  ])
  const words = [
    ...new Set([
      ...benefits.items,
      ...articles.items,
      ...activities.items,
    ]
      .flatMap(item => [
        ...item.title.matchAll(/[\u4E00-\u9FFF]{2,4}/g),
      ].map(m => m[0].slice(0, 2 + (m.index % 3))))),
  ]
  return {
    words,
    endpoints: [
      { name: 'streets', path: '/api/streets' },
      { name: 'street', path: `/api/streets/${streets.items?.[0]?.key ?? streets[0]?.key}` },
      { name: 'benefits', path: '/api/benefits' },
      { name: 'benefit categories', path: '/api/benefits/categories' },
      { name: 'benefit', path: `/api/benefits/${benefits.items[0].id}` },
      { name: 'articles', path: '/api/articles' },
      { name: 'article', path: `/api/articles/${articles.items[0].id}` },
      { name: 'activities', path: '/api/activities' },
      { name: 'activity', path: `/api/activities/${activities.items[0].id}` },
      { name: 'enterprise search', path: `/api/enterprises?q=${encodeURIComponent('建设')}` },
      { name: 'enterprise profile', path: `/api/enterprises/${firms.items[0].uscc}` },
      { name: 'search', path: `/api/search?q=${encodeURIComponent('信用')}` },
      { name: 'search, varied words', path: '/api/search', words },
    ],
  }
}

/**
 * One endpoint under `connections` for `seconds`. With `words`, each request asks /api/search for a word picked at
 * random, as many residents would.
 */
export async function load(origin, { path, words }, { connections, seconds }) {
  const result = await autocannon({
    url: `${origin}${path}`,
    connections,
    duration: seconds,
    requests: words
      ? [
          {
            setupRequest: request => ({ ...request, path: `${path}?q=${encodeURIComponent(words[Math.floor(Math.random() * words.length)])}` }),
          },
        ]
      : undefined,
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}
