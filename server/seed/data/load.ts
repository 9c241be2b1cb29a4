// Reads the demo data: one YAML file per kind beside this module, each checked against its schema in types.ts.
// YAML rather than TypeScript because it is data: anchors and aliases (&hall … *hall) keep a shared venue, opening
// hours or authority written once, and # comments keep the notes on what each demo record is for.
// accounts.ts and kiosks.ts stay TypeScript: they are code constants that the seed and the tests import, not content.
import type { Static, TSchema } from 'typebox'
import type { TLocalizedValidationError } from 'typebox/error'
import type { Document } from 'yaml'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Type } from 'typebox'
import { Settings } from 'typebox/system'
import Value from 'typebox/value'
import { isNode, LineCounter, parseDocument } from 'yaml'
import { ROOT_DIR } from '../../config'
import { SeedActivity, SeedArticle, SeedBenefit, SeedEnterprise, SeedPerson, SeedStreet } from './types'

/** How many schema errors a refused file reports. */
const ERRORS_SHOWN = 5

/**
 * Parses one seed YAML document and checks it against `Type.Array(schema)`. `file` only names the source in errors.
 * Throws an Error naming the file and, for each of the first few problems, the JSON path and what is wrong.
 */
export function parseSeedYaml<T extends TSchema>(source: string, schema: T, file: string): Static<T>[] {
  // YAML 1.2 core schema: 2026-11-29 stays a string, as do yes/no/on/off.
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, {
    version: '1.2',
    schema: 'core',
    prettyErrors: true,
    uniqueKeys: true,
    lineCounter,
  })
  const problems = doc.errors.concat(doc.warnings)
  if (problems.length > 0)
    throw new Error(`${file}: ${problems.slice(0, ERRORS_SHOWN).map(e => e.message).join('\n')}`)
  let data: unknown
  try {
    // The files are ours, in the repository, so aliases need no limit (the default guards against alias bombs).
    data = doc.toJS({ maxAliasCount: -1 })
  }
  catch (error) {
    // e.g. an alias without its anchor
    const message = error instanceof Error
      ? error.message
      : String(error)
    throw new Error(`${file}: ${message}`)
  }
  const list = Type.Array(schema)
  if (!Value.Check(list, data)) {
    // 'boolean' repeats 'additionalProperties' key by key; 'anyOf' only says that no variant matched.
    const errors = closestVariants(allErrors(list, data)).filter(e => e.keyword !== 'boolean' && e.keyword !== 'anyOf')
    const shown = errors.slice(0, ERRORS_SHOWN).map((e) => {
      const line = lineOf(doc, lineCounter, e.instancePath)
      const where = line === undefined
        ? ''
        : ` (line ${line})`
      return `  ${e.instancePath || '/'}${where}: ${e.message}${detail(e)}`
    })
    const more = errors.length > ERRORS_SHOWN
      ? [`  … and ${errors.length - ERRORS_SHOWN} more`]
      : []
    throw new Error([
      `${file} does not match its schema:`,
      ...shown,
      ...more,
    ].join('\n'))
  }
  return data
}

/** The line of the node at a JSON pointer, or of its nearest ancestor written there (not behind an alias). */
function lineOf(doc: Document, lineCounter: LineCounter, pointer: string): number | undefined {
  const path = pointer.split('/').slice(1).map(p => p.replaceAll('~1', '/').replaceAll('~0', '~'))
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (isNode(node) && node.range)
      return lineCounter.linePos(node.range[0]).line
  }
  return undefined
}

/** Errors of a value, not just the first 8 (TypeBox's default): a union's variants each add theirs. */
function allErrors(schema: TSchema, value: unknown): TLocalizedValidationError[] {
  const { maxErrors } = Settings.Get()
  Settings.Set({ maxErrors: 1000 })
  try {
    return Value.Errors(schema, value)
  }
  finally {
    Settings.Set({ maxErrors })
  }
}

/** How far a value is from a variant: missing and unexpected keys count one each ('boolean' repeats the latter). */
function distance(errors: TLocalizedValidationError[]): number {
  let total = 0
  for (const e of errors) {
    if (e.keyword === 'required')
      total += e.params.requiredProperties.length
    else if (e.keyword === 'additionalProperties')
      total += e.params.additionalProperties.length
    else if (e.keyword !== 'boolean')
      total++
  }
  return total
}

/** Which key or values are meant: the unexpected keys, the allowed values. */
function detail(e: TLocalizedValidationError): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return ` (${e.params.additionalProperties.join(', ')})`
    case 'enum':
      return ` (${e.params.allowedValues.join(', ')})`
    case 'const':
      return ` (${String(e.params.allowedValue)})`
    default:
      return ''
  }
}

/**
 * A value that matches no variant of a union (a credit record, an eligibility rule) gets errors from every variant
 * tried; keeps those of the variant it comes closest to (fewest missing or unexpected keys and wrong values), level
 * by level, so that a misspelt key of a licence is reported as such and not as "kind must be 'penalty'". Only
 * `items`, `properties` and `anyOf` occur in the seed schemas, which is what the path arithmetic below relies on.
 */
function closestVariants(errors: TLocalizedValidationError[], level = 0): TLocalizedValidationError[] {
  const groups = new Map<string, Map<string, TLocalizedValidationError[]>>()
  const kept: TLocalizedValidationError[] = []
  for (const e of errors) {
    const at = unionAt(e, level)
    if (at === undefined) {
      kept.push(e)
      continue
    }
    const variants = groups.get(at.union) ?? new Map<string, TLocalizedValidationError[]>()
    groups.set(at.union, variants)
    const variant = variants.get(at.variant) ?? []
    variant.push(e)
    variants.set(at.variant, variant)
  }
  for (const variants of groups.values()) {
    const closest = Math.min(...Array.from(variants.values(), distance))
    for (const v of variants.values()) {
      if (distance(v) === closest)
        kept.push(...closestVariants(v, level + 1))
    }
  }
  const order = new Map(errors.map((e, i) => [e, i]))
  return kept.sort((a, b) => order.get(a)! - order.get(b)!)
}

/** The `level`-th union on an error's schema path: which union (schema path + the value's path) and which variant. */
function unionAt(e: TLocalizedValidationError, level: number): { union: string, variant: string } | undefined {
  const schema = e.schemaPath.replace(/^#\//, '').split('/')
  const instance = e.instancePath.split('/').slice(1)
  let depth = 0
  let found = 0
  for (let i = 0; i < schema.length; i++) {
    if (schema[i] === 'items') {
      depth++
    }
    else if (schema[i] === 'properties') {
      depth++
      i++
    }
    else if (schema[i] === 'anyOf' && i + 1 < schema.length) {
      if (found === level)
        return { union: `${schema.slice(0, i).join('/')} ${instance.slice(0, depth).join('/')}`, variant: schema[i + 1]! }
      found++
      i++
    }
  }
  return undefined
}

// From the project's folder, not this module's: the server also runs compiled into one file (scripts/build-server.mjs).
// (And not `new URL('./x.yaml', import.meta.url)`: Vite, which the unit tests run through, makes that an asset URL.)
const DATA_DIR = join(ROOT_DIR, 'server', 'seed', 'data')

function loadFile<T extends TSchema>(name: string, schema: T): Static<T>[] {
  const file = join(DATA_DIR, `${name}.yaml`)
  return parseSeedYaml(readFileSync(file, 'utf8'), schema, file)
}

export interface SeedData {
  streets: SeedStreet[]
  benefits: SeedBenefit[]
  articles: SeedArticle[]
  activities: SeedActivity[]
  enterprises: SeedEnterprise[]
  persons: SeedPerson[]
}

let cached: SeedData | undefined

/** All the demo data, read and checked once per process (the API tests seed many databases); frozen, as it is shared. */
export function loadSeedData(): SeedData {
  cached ??= deepFreeze({
    streets: loadFile('streets', SeedStreet),
    benefits: loadFile('benefits', SeedBenefit),
    articles: loadFile('articles', SeedArticle),
    activities: loadFile('activities', SeedActivity),
    enterprises: loadFile('enterprises', SeedEnterprise),
    persons: loadFile('persons', SeedPerson),
  })
  return cached
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value))
      deepFreeze(v)
  }
  return value
}
