// The password policy (server/auth/password.ts) as a function: length, the username, then the zxcvbn estimate with
// the common, English and keyboard data and server/auth/local-passwords.txt. The endpoints that apply it are
// covered in accounts.spec.ts.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkPassword } from '../../server/auth/password'
import { DEMO_ADMIN, DEMO_PASSWORD, demoStaffUsername } from '../../server/seed/data/accounts'

const LOCAL_PASSWORDS = readFileSync(new URL('../../server/auth/local-passwords.txt', import.meta.url), 'utf8')
  .split('\n')
  .map(line => line.trim())
  .filter(line => line !== '' && !line.startsWith('#'))

describe('password policy (checkPassword)', () => {
  it('should refuse by length first when the password is under 8 or over 128 characters', () => {
    expect(checkPassword('qz7#mvk')).toBe('tooShort')
    expect(checkPassword('q'.repeat(129))).toBe('tooLong')
    // Characters, not UTF-16 units: 8 Chinese characters are long enough, 129 are too long.
    expect(checkPassword('长宁区信用办春天', 'demo-admin')).not.toBe('tooShort')
    expect(checkPassword('长'.repeat(129))).toBe('tooLong')
    // Too short wins over containing the username.
    expect(checkPassword('ab.cd1', 'ab.cd')).toBe('tooShort')
  })

  it('should accept 8 characters with no rule of composition and 128 characters of a passphrase', () => {
    expect(checkPassword('lz4-quay')).toBeNull()
    expect(checkPassword('tangerine ladder quietly orbits '.repeat(4))).toBeNull()
  })

  it.each([
    'password123',
    'PassWord123',
    'iloveyou2026',
    'P@ssw0rd2026',
  ])('should refuse a globally common password: %s', (password) => {
    expect(checkPassword(password)).toBe('common')
  })

  it.each([
    'woaini1314',
    'Woaini@1314',
    '5201314520',
    'zhangwei88',
    'Changning2026',
    'Xinyong@2026',
  ])('should refuse a password common in China or predictable for this app: %s', (password) => {
    expect(checkPassword(password)).toBe('common')
  })

  it('should refuse every entry of local-passwords.txt with a capital and a year added', () => {
    expect(LOCAL_PASSWORDS.length).toBeGreaterThan(0)
    expect(LOCAL_PASSWORDS.length).toBeLessThanOrEqual(100)
    for (const entry of LOCAL_PASSWORDS) {
      // zxcvbn matches dictionaries in lower case: an entry with capitals would never match.
      expect(entry, entry).toBe(entry.toLowerCase())
      const password = `${entry.charAt(0).toUpperCase()}${entry.slice(1)}2026`
      if (password.length >= 8)
        expect(checkPassword(password), password).toBe('common')
    }
    expect(new Set(LOCAL_PASSWORDS).size).toBe(LOCAL_PASSWORDS.length)
  })

  it.each([
    'zxcvbnm,./',
    'asdfghjkl;',
    'qazxswedcvfr',
    '1qaz2wsx3edc4rfv',
  ])('should refuse a keyboard walk: %s', (password) => {
    expect(checkPassword(password)).toBe('common')
  })

  it.each([
    'Sunshine2024',
    'Football1998',
    'Shanghai2026!',
  ])('should refuse a dictionary word with a year: %s', (password) => {
    expect(checkPassword(password)).toBe('common')
  })

  it.each([
    'tangerine ladder quietly orbits',
    'violet kettle marble harbour',
    'Xk8#pQ2vL9mZ',
    'r7Gm2pQx9LwT',
    '长宁区信用办的春天来了',
  ])('should accept a long passphrase or a random string: %s', (password) => {
    expect(checkPassword(password, 'qiu.yanxin')).toBeNull()
  })

  it('should refuse a password built from the username without containing it, and accept it for someone else', () => {
    expect(checkPassword('Yanxin-Qiu-88', 'qiu.yanxin')).toBe('common')
    expect(checkPassword('Yanxin-Qiu-88', 'li.jianguo')).toBeNull()
    // Reversed, and in l33t.
    expect(checkPassword('nixnay.uiq', 'qiu.yanxin')).toBe('common')
    expect(checkPassword('Y@nx1n2026!', 'qiu.yanxin')).toBe('common')
  })

  it('should answer containsUsername, before common, when the password contains the username in any case', () => {
    expect(checkPassword('my qiu.yanxin passphrase', 'qiu.yanxin')).toBe('containsUsername')
    expect(checkPassword('MY-QIU.YANXIN-2026', 'qiu.yanxin')).toBe('containsUsername')
    expect(checkPassword('woaini1314', 'woaini')).toBe('containsUsername')
    // Usernames under 3 characters are not looked for.
    expect(checkPassword('tangerine ladder quietly orbits', 'or')).toBeNull()
  })

  it('should accept the demo password and the passwords the tests choose for their accounts', () => {
    for (const username of [
      DEMO_ADMIN.username,
      demoStaffUsername('jiangsu-road'),
      demoStaffUsername('xinhua-road'),
    ])
      expect(checkPassword(DEMO_PASSWORD, username), username).toBeNull()
    for (const password of [
      'fresh tea by the window',
      'blue ferry at dusk',
      'spring rain on yan an road',
      'plum blossom winter walk',
      'first steps on xinhua road',
      'my own walk along xinhua road',
    ])
      expect(checkPassword(password, 'weakling.1'), password).toBeNull()
  })
})
