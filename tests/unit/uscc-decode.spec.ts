import { describe, expect, it } from 'vitest'
import { decodeUscc, looksLikeUscc } from '#common/codes/uscc-decode'

describe('decoding a unified social credit code', () => {
  it('should name the authority, type and district when a Changning enterprise code is given', () => {
    expect(decodeUscc('91310105MA1HX2R563')).toEqual({
      registration: { code: '91', zh: '工商 · 企业', en: 'Market regulation · Enterprise' },
      division: { code: '310105', zh: '上海市长宁区', en: 'Changning District, Shanghai' },
      organisation: 'MA1HX2R56',
    })
  })

  it('should recognise individual businesses and private non-enterprise units', () => {
    expect(decodeUscc('92310105MA1KC8P59T').registration.zh).toBe('工商 · 个体工商户')
    expect(decodeUscc('52310105MJ5000001X').registration.zh).toBe('民政 · 民办非企业单位')
  })

  it('should fall back to the province or the bare code when the district is not in the table', () => {
    expect(decodeUscc('91310199MA1HX2R56X').division.zh).toBe('上海市（310199）')
    expect(decodeUscc('91350100M000100Y43').division.zh).toBe('行政区划 350100')
  })

  it('should accept lowercase and spaces as typed', () => {
    expect(decodeUscc(' 9131 0105 ma1hx2r563 ').division.code).toBe('310105')
  })
})

describe('telling a code from a name', () => {
  it.each([
    ['9131', true],
    ['91310105MA1HX2R563', true],
    ['9131 0105', true],
    ['上海屿衡', false],
    ['a1', false],
    ['9', false],
    ['91-31', false],
  ])('should treat %s as a code: %s', (input, expected) => {
    expect(looksLikeUscc(input)).toBe(expected)
  })
})
