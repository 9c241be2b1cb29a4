// How requests are validated: one Ajv per kind of input. Query strings and path parameters arrive as text, so they
// are coerced to the declared types ('2' → 2); JSON bodies arrive typed and are not (a number sent for a title is
// refused, not stored as "42"). Text in bodies is cleaned first: control characters, bidirectional overrides and
// unpaired surrogates are refused, the rest normalised to NFC and trimmed, so that "empty after trimming" meets the
// schema's minLength. Strings the schema marks `secret` (passwords) are compared as typed and never touched.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'

const BASE_OPTIONS = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  // Schemas are compiled once per route; none refers to another by id.
  addUsedSchema: false,
  // TypeBox's annotations (and ours: `secret`) are not Ajv keywords.
  strict: false,
} as const

/** Schema annotation for text that must reach the handler exactly as sent (passwords). */
export const SECRET = { secret: true } as const

/** C0 and C1 controls but tab, newline and carriage return; bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const FORBIDDEN = /[\u0000-\u0008\v\f\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export type TextProblem = FastifySchemaValidationError

function textProblem(instancePath: string, message: string): TextProblem {
  return {
    keyword: 'text',
    instancePath,
    schemaPath: '#/text',
    params: {},
    message,
  }
}

interface SchemaNode {
  secret?: boolean
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
}

/**
 * The value with every string cleaned (a new value; the input is not changed), or the first problem found. The
 * schema is followed through `properties` and `items` only to find `secret` strings; elsewhere every string is text.
 */
export function cleanText(value: unknown, schema: SchemaNode | undefined, path = ''): { value: unknown } | { problem: TextProblem } {
  if (typeof value === 'string') {
    if (schema?.secret)
      return { value }
    if (LONE_SURROGATE.test(value)) {
      return {
        problem: textProblem(path, 'must not contain unpaired surrogates'),
      }
    }
    if (FORBIDDEN.test(value)) {
      return {
        problem: textProblem(path, 'must not contain control characters'),
      }
    }
    return {
      value: value.normalize('NFC').trim(),
    }
  }
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const [i, item] of value.entries()) {
      const cleaned = cleanText(item, schema?.items, `${path}/${i}`)
      if ('problem' in cleaned)
        return cleaned
      out.push(cleaned.value)
    }
    return { value: out }
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const cleaned = cleanText(item, schema?.properties?.[key], `${path}/${key}`)
      if ('problem' in cleaned)
        return cleaned
      out[key] = cleaned.value
    }
    return { value: out }
  }
  return { value }
}

/** The validator compiler for the whole server (Fastify's `setValidatorCompiler`). */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = addFormats(new Ajv({ ...BASE_OPTIONS, coerceTypes: true }))
  const strict = addFormats(new Ajv({ ...BASE_OPTIONS, coerceTypes: false }))
  return ({ schema, httpPart }) => {
    const isBody = httpPart === 'body'
    const validate = (isBody ? strict : coercing).compile(schema as object)
    const check = (data: unknown) => {
      const cleaned = cleanText(data, schema as SchemaNode)
      if ('problem' in cleaned) {
        check.errors = [cleaned.problem]
        return false
      }
      // A body goes on cleaned (NFC, trimmed). Query strings and parameters are checked for the same characters (a
      // NUL in a search is refused, not sent to the database), then coerced in place as they came.
      const value = isBody
        ? cleaned.value
        : data
      if (!validate(value)) {
        check.errors = (validate.errors ?? []) as FastifySchemaValidationError[]
        return false
      }
      check.errors = null
      return isBody
        ? { value }
        : true
    }
    check.errors = null as FastifySchemaValidationError[] | null
    return check
  }
}
