import { describe, expect, it } from 'vitest'
import {
  checkIdNumber,
  idCheckChar,
  isValidIdNumber,
  maskIdNumber,
  normalizeIdNumber,
} from '#common/codes/idcard'
import { checkUscc, isValidUscc, normalizeUscc, USCC_CHARSET, usccCheckChar } from '#common/codes/uscc'

// ---------------------------------------------------------------------------
// Independent reference implementations, written from the standards' text rather
// than from the code under test. Weights are *derived* (powers), not copied.
// ---------------------------------------------------------------------------

/** GB 32100-2015 code set, value = position: digits 0–9, then letters without I O Z S V. */
const REF_USCC_ALPHABET = [
  ...'0123456789',
  ...'ABCDEFGHJKLMNPQRTUWXY',
]
/** W_i = 3^(i-1) mod 31 for i = 1…17. */
const REF_USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1
  for (let k = 0; k < i; k++) w = (w * 3) % 31
  return w
})

function refUsccCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = REF_USCC_ALPHABET.indexOf(first17[i]!)
    if (value < 0)
      throw new Error(`reference: bad USCC char ${first17[i]}`)
    sum += value * REF_USCC_WEIGHTS[i]!
  }
  const c18 = 31 - (sum % 31)
  return REF_USCC_ALPHABET[c18 === 31
    ? 0
    : c18]!
}

/** ISO 7064 MOD 11-2: W_i = 2^(i-1) mod 11, counted from the check position (i = 1) leftwards. */
const REF_ID_WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11)

function refIdCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * REF_ID_WEIGHTS[i]!
  // a_1 such that (sum + a_1) ≡ 1 (mod 11); 10 is written X.
  const a1 = (12 - (sum % 11)) % 11
  return a1 === 10
    ? 'X'
    : String(a1)
}

/** Appends the reference check character to a 17-digit body. */
function withIdCheck(body17: string): string {
  return body17 + refIdCheck(body17)
}

/** Appends the reference check character to a 17-character USCC body. */
function withUsccCheck(body17: string): string {
  return body17 + refUsccCheck(body17)
}

/** Deterministic pseudo-random generator (LCG) so the sampled cases are reproducible. */
function lcg(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const FIXED_TODAY = new Date(Date.UTC(2024, 5, 15, 12, 0, 0)) // 2024-06-15T12:00Z

// ---------------------------------------------------------------------------
// Sanity checks of the reference itself against the product brief's numbers.
// ---------------------------------------------------------------------------

describe('reference implementations (test helpers)', () => {
  it('should derive the GB 32100 weights when computing 3^(i-1) mod 31', () => {
    expect(REF_USCC_WEIGHTS).toEqual([
      1,
      3,
      9,
      27,
      19,
      26,
      16,
      17,
      20,
      29,
      25,
      13,
      8,
      24,
      10,
      30,
      28,
    ])
  })

  it('should derive the GB 11643 weights when computing 2^(i-1) mod 11', () => {
    expect(REF_ID_WEIGHTS).toEqual([
      7,
      9,
      10,
      5,
      8,
      4,
      2,
      1,
      6,
      3,
      7,
      9,
      10,
      5,
      8,
      4,
      2,
    ])
  })

  it('should map remainders 0…10 to 1 0 X 9 8 7 6 5 4 3 2 when using the reference ID check', () => {
    // Brute-force small bodies until every remainder 0…10 has been seen once.
    const byRemainder = new Map<number, string>()
    for (let n = 0; byRemainder.size < 11 && n < 1000; n++) {
      const body = String(n).padStart(17, '0')
      let sum = 0
      for (let i = 0; i < 17; i++) sum += Number(body[i]) * REF_ID_WEIGHTS[i]!
      if (!byRemainder.has(sum % 11))
        byRemainder.set(sum % 11, refIdCheck(body))
    }
    expect(Array.from({ length: 11 }, (_, r) => byRemainder.get(r)).join(' ')).toBe('1 0 X 9 8 7 6 5 4 3 2')
  })

  it('should have 31 characters without I O Z S V when building the USCC alphabet', () => {
    expect(REF_USCC_ALPHABET).toHaveLength(31)
    for (const c of 'IOZSV') expect(REF_USCC_ALPHABET).not.toContain(c)
    expect(USCC_CHARSET).toBe(REF_USCC_ALPHABET.join(''))
  })
})

// ---------------------------------------------------------------------------
// USCC
// ---------------------------------------------------------------------------

describe('uscc', () => {
  // Published codes of well-known companies (business licences / annual reports),
  // cross-checked against the reference implementation below.
  const PUBLISHED = [
    '91350100M000100Y43', // example from the product brief
    '914403001922038216', // Huawei Technologies Co., Ltd.
    '9144030071526726XG', // Shenzhen Tencent Computer Systems Co., Ltd.
    '91330100716105852F', // Alibaba (China) Co., Ltd.
    '91110108551385082Q', // Xiaomi Technology Co., Ltd.
    '91440300708461136T', // ZTE Corporation
    '91110000600037341L',
  ]

  it.each(PUBLISHED)('should agree with the reference check char when given published code %s', (code) => {
    expect(refUsccCheck(code.slice(0, 17))).toBe(code[17])
  })

  it.each(PUBLISHED)('should accept %s when the code is a known-good USCC', (code) => {
    expect(checkUscc(code)).toBeNull()
    expect(isValidUscc(code)).toBe(true)
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17])
  })

  it('should match the reference check char when given 500 pseudo-random bodies', () => {
    const rand = lcg(32100)
    const pick = (alphabet: readonly string[]) => alphabet[Math.floor(rand() * alphabet.length)]!
    const digits = [...'0123456789']
    for (let n = 0; n < 500; n++) {
      let body = pick(REF_USCC_ALPHABET) + pick(REF_USCC_ALPHABET)
      for (let i = 0; i < 6; i++) body += pick(digits)
      for (let i = 0; i < 9; i++) body += pick(REF_USCC_ALPHABET)
      const expected = refUsccCheck(body)
      expect(usccCheckChar(body), body).toBe(expected)
      expect(checkUscc(body + expected), body).toBeNull()
    }
  })

  it('should produce check char 0 when the weighted sum is divisible by 31', () => {
    const body = '91350100M000100Y3'
    let sum = 0
    for (let i = 0; i < 17; i++) sum += REF_USCC_ALPHABET.indexOf(body[i]!) * REF_USCC_WEIGHTS[i]!
    expect(sum % 31).toBe(0)
    expect(usccCheckChar(body)).toBe('0')
    expect(checkUscc(`${body}0`)).toBeNull()
    // 31 must map to '0', never to a 32nd character or undefined
    expect(checkUscc(`${body}Y`)).toBe('checksum')
  })

  it('should produce check char Y when the weighted sum mod 31 is 1', () => {
    // Find a body whose reference check char is Y (value 30) and compare.
    const rand = lcg(7)
    let found = ''
    while (!found) {
      let body = '91'
      for (let i = 0; i < 6; i++) body += String(Math.floor(rand() * 10))
      for (let i = 0; i < 9; i++) body += REF_USCC_ALPHABET[Math.floor(rand() * 31)]
      if (refUsccCheck(body) === 'Y')
        found = body
    }
    expect(usccCheckChar(found)).toBe('Y')
    expect(isValidUscc(`${found}Y`)).toBe(true)
  })

  it('should accept the code when it is typed in lowercase', () => {
    expect(checkUscc('91350100m000100y43')).toBeNull()
    expect(checkUscc('9144030071526726xg')).toBeNull()
  })

  it('should accept the code when it contains spaces, tabs or surrounding whitespace', () => {
    expect(checkUscc(' 9135 0100 M000 100Y 43 ')).toBeNull()
    expect(checkUscc('\t913501\n00M000100Y43\n')).toBeNull()
  })

  it('should normalise by removing whitespace and upper-casing when normalizeUscc is called', () => {
    expect(normalizeUscc(' 9135 0100 m000 100y 43 ')).toBe('91350100M000100Y43')
  })

  it('should report empty when the input is empty or only whitespace', () => {
    expect(checkUscc('')).toBe('empty')
    expect(checkUscc('   ')).toBe('empty')
  })

  it.each([
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['a 15-digit legacy registration number', '350100400012345'],
    ['one character', '9'],
  ])('should report length when the code has %s', (_label, code) => {
    expect(checkUscc(code)).toBe('length')
    expect(isValidUscc(code)).toBe(false)
  })

  it.each(['I', 'O', 'Z', 'S', 'V'])('should report charset when the forbidden letter %s is used', (letter) => {
    // in the organisation-code part
    expect(checkUscc(`91350100${letter}000100Y43`)).toBe('charset')
    // as the registration authority character
    expect(checkUscc(`${letter}1350100M000100Y43`)).toBe('charset')
    // as the check character
    expect(checkUscc(`91350100M000100Y4${letter}`)).toBe('charset')
    // lowercase is upper-cased first and still rejected
    expect(checkUscc(`91350100${letter.toLowerCase()}000100Y43`)).toBe('charset')
    // and the check-char helper refuses to compute
    expect(usccCheckChar(`91350100${letter}000100Y4`)).toBeNull()
  })

  it('should report charset when punctuation or non-ASCII characters are used', () => {
    expect(checkUscc('91350100-000100Y43')).toBe('charset')
    expect(checkUscc('91350100Ｍ000100Y43')).toBe('charset') // full-width M
  })

  it('should report charset when the administrative division code (chars 3–8) is not all digits', () => {
    expect(checkUscc(withUsccCheck('9135010AM000100Y4'))).toBe('charset')
  })

  it('should report checksum when the check char is any other allowed character', () => {
    for (const code of PUBLISHED) {
      for (const c of REF_USCC_ALPHABET) {
        if (c === code[17])
          continue
        expect(checkUscc(code.slice(0, 17) + c), code.slice(0, 17) + c).toBe('checksum')
      }
    }
  })

  it('should report checksum when two body characters are transposed', () => {
    // 91350100M000100Y43 → swap chars 9 and 10 (M0 → 0M)
    const swapped = '913501000M00100Y43'
    expect(refUsccCheck(swapped.slice(0, 17))).not.toBe('3')
    expect(checkUscc(swapped)).toBe('checksum')
  })

  it('should return null from usccCheckChar when the body is not 17 characters', () => {
    expect(usccCheckChar('')).toBeNull()
    expect(usccCheckChar('91350100M000100Y')).toBeNull()
    expect(usccCheckChar('91350100M000100Y43')).toBeNull()
  })
})

// ---------------------------------------------------------------------------
// Resident ID number
// ---------------------------------------------------------------------------

describe('id number', () => {
  // GB 11643-1999's own worked example (Beijing, born 1949-12-31, check char X).
  const GB_EXAMPLE_X = '11010519491231002X'

  it('should agree with the reference when given the GB 11643 example with check char X', () => {
    expect(refIdCheck(GB_EXAMPLE_X.slice(0, 17))).toBe('X')
    expect(idCheckChar(GB_EXAMPLE_X.slice(0, 17))).toBe('X')
    expect(checkIdNumber(GB_EXAMPLE_X, FIXED_TODAY)).toBeNull()
  })

  it('should accept the number when the trailing X is lowercase', () => {
    expect(checkIdNumber('11010519491231002x', FIXED_TODAY)).toBeNull()
    expect(isValidIdNumber('11010519491231002x', FIXED_TODAY)).toBe(true)
    expect(normalizeIdNumber('11010519491231002x')).toBe(GB_EXAMPLE_X)
  })

  it('should accept the number when it contains spaces', () => {
    expect(checkIdNumber(' 110105 19491231 002X ', FIXED_TODAY)).toBeNull()
  })

  it.each([
    '310104199001010011',
    withIdCheck('44030519851120123'),
    withIdCheck('51010720101010987'),
    withIdCheck('65010219000101000'), // earliest accepted year
    withIdCheck('31010519991231999'),
  ])('should accept %s when the checksum and birth date are valid', (id) => {
    expect(checkIdNumber(id, FIXED_TODAY)).toBeNull()
    expect(idCheckChar(id.slice(0, 17))).toBe(id[17])
  })

  it('should match the reference check char when given 500 pseudo-random bodies', () => {
    const rand = lcg(11643)
    let sawX = false
    for (let n = 0; n < 500; n++) {
      let body = ''
      for (let i = 0; i < 17; i++) body += String(Math.floor(rand() * 10))
      const expected = refIdCheck(body)
      sawX ||= expected === 'X'
      expect(idCheckChar(body), body).toBe(expected)
    }
    expect(sawX).toBe(true)
  })

  it('should accept Feb 29 when the year is a leap year (2000, 2024)', () => {
    expect(checkIdNumber(withIdCheck('11010120000229001'), FIXED_TODAY)).toBeNull()
    expect(checkIdNumber(withIdCheck('11010120240229001'), FIXED_TODAY)).toBeNull()
  })

  it('should report birthdate when Feb 29 is in a non-leap year (1900, 2023)', () => {
    expect(checkIdNumber(withIdCheck('11010119000229001'), FIXED_TODAY)).toBe('birthdate')
    expect(checkIdNumber(withIdCheck('11010120230229001'), FIXED_TODAY)).toBe('birthdate')
  })

  it.each([
    ['month is 13', '11010119901301001'],
    ['month is 00', '11010119900001001'],
    ['day is 32', '11010119900132001'],
    ['day is 00', '11010119900100001'],
    ['day is 31 in April', '11010119900431001'],
    ['day is 30 in February', '11010119900230001'],
  ])('should report birthdate when the %s', (_label, body) => {
    expect(checkIdNumber(withIdCheck(body), FIXED_TODAY)).toBe('birthdate')
  })

  it('should accept day 31 when the month has 31 days', () => {
    expect(checkIdNumber(withIdCheck('11010119900131001'), FIXED_TODAY)).toBeNull()
    expect(checkIdNumber(withIdCheck('11010119901231001'), FIXED_TODAY)).toBeNull()
  })

  it('should accept tomorrow\'s date when time zones put the birth a day ahead of the given today', () => {
    expect(checkIdNumber(withIdCheck('11010120240616001'), FIXED_TODAY)).toBeNull()
  })

  it('should report birthdate when the birth date is more than a day after the given today', () => {
    expect(checkIdNumber(withIdCheck('11010120240617001'), FIXED_TODAY)).toBe('birthdate')
    expect(checkIdNumber(withIdCheck('11010120250101001'), FIXED_TODAY)).toBe('birthdate')
    expect(checkIdNumber(withIdCheck('11010129990101001'), FIXED_TODAY)).toBe('birthdate')
    expect(isValidIdNumber(withIdCheck('11010120240617001'), FIXED_TODAY)).toBe(false)
  })

  it('should accept the number when the birth date equals or precedes the given today', () => {
    expect(checkIdNumber(withIdCheck('11010120240615001'), FIXED_TODAY)).toBeNull()
    expect(checkIdNumber(withIdCheck('11010120240614001'), FIXED_TODAY)).toBeNull()
  })

  it('should report birthdate when the year is before 1900 even if the checksum is right', () => {
    // GB 11643-1999's other worked example, born 1880-01-01: checksum is valid,
    // but the product rule rejects birth years before 1900.
    expect(refIdCheck('44052418800101001')).toBe('4')
    expect(idCheckChar('44052418800101001')).toBe('4')
    expect(checkIdNumber('440524188001010014', FIXED_TODAY)).toBe('birthdate')
  })

  it('should report checksum when the check char is any other allowed character', () => {
    const id = '310104199001010011'
    for (const c of '023456789X') expect(checkIdNumber(id.slice(0, 17) + c, FIXED_TODAY), c).toBe('checksum')
    expect(checkIdNumber('110105194912310021', FIXED_TODAY)).toBe('checksum')
  })

  it('should report checksum when one body digit is changed', () => {
    expect(checkIdNumber('310104199001010021', FIXED_TODAY)).toBe('checksum')
    expect(checkIdNumber('410104199001010011', FIXED_TODAY)).toBe('checksum')
  })

  it('should report empty when the input is empty or only whitespace', () => {
    expect(checkIdNumber('', FIXED_TODAY)).toBe('empty')
    expect(checkIdNumber('  ', FIXED_TODAY)).toBe('empty')
  })

  it.each([
    ['17 characters', '31010419900101001'],
    ['19 characters', '3101041990010100111'],
    ['a 15-digit first-generation number', '310104900101001'],
  ])('should report length when the number has %s', (_label, id) => {
    expect(checkIdNumber(id, FIXED_TODAY)).toBe('length')
    expect(isValidIdNumber(id, FIXED_TODAY)).toBe(false)
  })

  it.each([
    ['a letter in the middle', '3101041990A1010011'],
    ['an X in the middle', '31010419900X010011'],
    ['a lowercase x in the middle', '31010419900x010011'],
    ['a letter other than X at the end', '31010419900101001A'],
    ['punctuation', '310104-19900101001'],
  ])('should report format when the number contains %s', (_label, id) => {
    expect(checkIdNumber(id, FIXED_TODAY)).toBe('format')
  })

  it('should return null from idCheckChar when the body is not 17 digits', () => {
    expect(idCheckChar('3101041990010100')).toBeNull()
    expect(idCheckChar('3101041990010100X')).toBeNull()
    expect(idCheckChar('310104199001010011')).toBeNull()
  })

  it('should mask all but the first and last 4 characters when maskIdNumber is called', () => {
    expect(maskIdNumber('310104199001010011')).toBe('3101**********0011')
    expect(maskIdNumber('310104199001010011')).toMatch(/^\d{4}\*{10}\d{4}$/)
  })

  it('should normalise before masking when the input has spaces or a lowercase x', () => {
    expect(maskIdNumber(' 110105 19491231 002x ')).toBe('1101**********002X')
  })
})
