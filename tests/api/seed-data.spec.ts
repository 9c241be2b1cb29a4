import { describe, expect, it } from 'vitest'
import { loadSeedData, parseSeedYaml } from '../../server/seed/data/load'
import { SeedBenefit, SeedPerson, SeedStreet } from '../../server/seed/data/types'

const STREET = `
- key: test-road
  name: 测试路街道
  nameEn: Test Road Subdistrict
  kind: street
  intro: 一段介绍。
  address: 上海市长宁区测试路1号
  phone: 021-00000000
  isDemonstration: false
  sortOrder: 1
`

const PERSON = `
- key: test-person
  name: 测试
  idNumber: '310105198403123387'
  phone: '13800000000'
  street: test-road
  records:
    - kind: commitment
      category: performance
      authority: 测试部门
      daysAgo: 3
      title: 测试承诺
      content: 承诺内容
`

const BENEFIT = `
- key: test-benefit
  title: 测试措施
  summary: 一句话。
  category: medical
  audience: personal
  provider: 测试中心
  streetKey: null
  offer: 优惠。
  eligibility: 守信居民。
  rules:
    - kind: registeredIn
      scope: district
  claimSteps:
    - 到窗口办理
  documents: []
  venues:
    - &desk
      name: 测试服务台
      address: 上海市长宁区测试路1号
      hours: 周一至周五 9:00-17:00
      phone: 021-00000000
      lat: 31.2
      lng: 121.4
  contact: 测试服务台 021-00000000
  validFrom: 2025-03-01
  validTo: null
  tags: []
  updatedAt: 2025-02-18T10:20:00+08:00
- key: test-benefit-2
  title: 另一项措施
  summary: 一句话。
  category: life
  audience: both
  provider: 测试中心
  streetKey: test-road
  offer: 优惠。
  eligibility: 守信居民。
  rules: []
  claimSteps: []
  documents: []
  venues:
    - *desk
  contact: 测试服务台 021-00000000
  validFrom: 2025-04-01
  validTo: 2027-12-31
  tags: []
  updatedAt: 2025-03-27T11:05:00+08:00
`

/** The message of the error that `run` throws. */
function refusal(run: () => unknown): string {
  try {
    run()
  }
  catch (error) {
    return error instanceof Error
      ? error.message
      : String(error)
  }
  throw new Error('expected the document to be refused')
}

describe('seed data (server/seed/data/*.yaml)', () => {
  it('should load every kind of demo data from its file, each record with its own key', () => {
    const { streets, benefits, articles, activities, enterprises, persons } = loadSeedData()
    const lists: [string, { key: string }[]][] = [
      ['streets', streets],
      ['benefits', benefits],
      ['articles', articles],
      ['activities', activities],
      ['enterprises', enterprises],
      ['persons', persons],
    ]
    for (const [kind, list] of lists) {
      expect(list.length, kind).toBeGreaterThan(0)
      expect(new Set(list.map(r => r.key)).size, kind).toBe(list.length)
    }
  })

  it('should write Chinese text with full-width punctuation, as the interface does', () => {
    const strings: [string, string][] = []
    const collect = (value: unknown, path: string): void => {
      if (typeof value === 'string')
        strings.push([path, value])
      else if (Array.isArray(value))
        value.forEach((item, i) => collect(item, `${path}[${i}]`))
      else if (value && typeof value === 'object')
        Object.entries(value).forEach(([key, item]) => collect(item, `${path}.${key}`))
    }
    collect(loadSeedData(), 'seed')
    expect(strings.length).toBeGreaterThan(1000)
    // A comma, colon, semicolon or parenthesis written half-width beside a Chinese character; Markdown link
    // targets and addresses keep theirs.
    const halfWidth = /[\u4E00-\u9FFF][,:;()]|[,;()][\u4E00-\u9FFF]/
    const found = strings
      .map(([path, text]) => [
        path,
        text.replace(/\]\([^)\s]*\)/g, ']').replace(/https?:\/\/\S+/g, 'link'),
      ] as const)
      .filter(([, text]) => halfWidth.test(text))
      .map(([path, text]) => `${path}: ${text.slice(0, 40)}`)
    expect(found).toEqual([])
  })

  it('should give every benefit, article, activity and street an English version written in English only', () => {
    const { streets, benefits, articles, activities } = loadSeedData()
    const records = [
      ...streets,
      ...benefits,
      ...articles,
      ...activities,
    ]
    expect(records.filter(r => r.en === undefined).map(r => r.key)).toEqual([])
    const items = streets.flatMap(s => [
      ...(s.figures ?? []),
      ...(s.practices ?? []),
    ])
    expect(items.filter(i => i.en === undefined)).toEqual([])
    const han = /\p{Script=Han}/u
    const chinese = [
      ...records,
      ...items,
    ].flatMap(r => Object.values(r.en ?? {}).flat()).filter(text => han.test(String(text)))
    expect(chinese).toEqual([])
  })

  it('should refer only to streets that the street file holds', () => {
    const { streets, benefits, articles, activities, persons } = loadSeedData()
    const keys = new Set(streets.map(s => s.key))
    for (const key of [
      ...benefits.map(b => b.streetKey),
      ...articles.map(a => a.streetKey),
    ])
      expect(key === null || keys.has(key), String(key)).toBe(true)
    for (const key of [
      ...activities.map(a => a.streetKey),
      ...persons.map(p => p.street),
    ])
      expect(keys.has(key), key).toBe(true)
  })

  it('should read the files once and hand out the same frozen data on every call', () => {
    const first = loadSeedData()
    expect(loadSeedData()).toBe(first)
    expect(() => first.streets.push(first.streets[0]!)).toThrow(TypeError)
    expect(() => Object.assign(first.persons[0]!, { name: 'changed' })).toThrow(TypeError)
  })

  it('should keep dates, times and phone numbers as strings, numbers as numbers and null as null', () => {
    const [desk, other] = parseSeedYaml(BENEFIT, SeedBenefit, 'benefits-test.yaml')
    expect(desk).toMatchObject({
      validFrom: '2025-03-01',
      validTo: null,
      updatedAt: '2025-02-18T10:20:00+08:00',
    })
    expect(desk?.venues[0]).toEqual({
      name: '测试服务台',
      address: '上海市长宁区测试路1号',
      hours: '周一至周五 9:00-17:00',
      phone: '021-00000000',
      lat: 31.2,
      lng: 121.4,
    })
    expect(other?.validTo).toBe('2027-12-31')
    const [person] = parseSeedYaml(PERSON, SeedPerson, 'persons-test.yaml')
    expect(person?.idNumber).toBe('310105198403123387')
    expect(person?.phone).toBe('13800000000')
  })

  it('should give an alias the same content as its anchor', () => {
    const [first, second] = parseSeedYaml(BENEFIT, SeedBenefit, 'benefits-test.yaml')
    expect(second?.venues).toEqual(first?.venues)
  })

  it('should refuse a misspelt key, naming the file, the path and the key', () => {
    const message = refusal(() => parseSeedYaml(STREET.replace('sortOrder:', 'sortOder:'), SeedStreet, 'streets-test.yaml'))
    expect(message).toContain('streets-test.yaml')
    expect(message).toMatch(/\/0 \(line 2\): must not have additional properties \(sortOder\)/)
    expect(message).toMatch(/\/0 \(line 2\): must have required properties sortOrder/)
  })

  it('should refuse a value outside its vocabulary, naming the path and the allowed values', () => {
    const message = refusal(() => parseSeedYaml(STREET.replace('kind: street', 'kind: village'), SeedStreet, 'streets-test.yaml'))
    expect(message).toContain('streets-test.yaml')
    expect(message).toContain('/0/kind (line 5)')
    expect(message).toContain('street, town')
  })

  it('should report a misspelt key of a credit record against the record\'s own kind', () => {
    const message = refusal(() => parseSeedYaml(PERSON.replace('daysAgo:', 'daysAg:'), SeedPerson, 'persons-test.yaml'))
    expect(message).toContain('persons-test.yaml')
    expect(message).toContain('/0/records/0 (line 8): must have required properties daysAgo')
    expect(message).toContain('must not have additional properties (daysAg)')
    // Not the errors of the other kinds of record (licence, penalty, …) that it was also tried against.
    expect(message).not.toContain('documentNo')
    expect(message).not.toContain('must be equal to constant')
  })

  it('should refuse an eligibility rule with a value its kind does not allow', () => {
    const message = refusal(() => parseSeedYaml(BENEFIT.replace('scope: district', 'scope: city'), SeedBenefit, 'benefits-test.yaml'))
    expect(message).toContain('/0/rules/0/scope')
    expect(message).toContain('district, street')
  })

  it('should refuse a date that is not written YYYY-MM-DD', () => {
    const message = refusal(() => parseSeedYaml(BENEFIT.replace('validFrom: 2025-03-01', 'validFrom: 2025-3-1'), SeedBenefit, 'benefits-test.yaml'))
    expect(message).toContain('/0/validFrom')
  })

  it('should refuse a document that is not valid YAML or refers to an unknown anchor, naming the file', () => {
    expect(refusal(() => parseSeedYaml(STREET.replace('  name: 测试路街道', '  name: 测试路街道\n  name: 重复'), SeedStreet, 'streets-test.yaml')))
      .toMatch(/^streets-test\.yaml: .*unique.*line 4/s)
    expect(refusal(() => parseSeedYaml(BENEFIT.replace('*desk', '*counter'), SeedBenefit, 'benefits-test.yaml')))
      .toMatch(/^benefits-test\.yaml: .*counter/)
  })

  it('should refuse a file that is not a list of records', () => {
    expect(refusal(() => parseSeedYaml('key: test-road\n', SeedStreet, 'streets-test.yaml'))).toContain('streets-test.yaml')
  })
})
