import { seededRandom as kernelSeededRandom } from '@linkmall/kernel';
import fc from 'fast-check';

/**
 * Reads request schemas out of the generated OpenAPI document and builds values from them: a valid
 * sample (so a mutation is rejected for the one field it breaks, not for everything else) and the
 * hostile variants of each field. Everything draws from one seeded generator, so a run is repeatable.
 */

export type Schema = Record<string, any>;

export interface OperationShape {
  readonly method: string;
  readonly path: string;
  readonly access: { kind: string; permission?: string } | undefined;
  readonly body: Schema | undefined;
  readonly pathParams: ReadonlyArray<{ name: string; schema: Schema }>;
  readonly queryParams: ReadonlyArray<{ name: string; schema: Schema; required: boolean }>;
}

/** Every operation of the document with its request body schema resolved. */
export function operationShapes(document: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } }): OperationShape[] {
  const schemas = document.components?.schemas ?? {};
  const shapes: OperationShape[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters: any[] = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      shapes.push({
        method: method.toUpperCase(),
        path,
        access: operation['x-access'],
        body: body ? resolve(body, schemas) : undefined,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: resolve(p.schema ?? {}, schemas) })),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema ?? {}, schemas), required: Boolean(p.required) })),
      });
    }
  }
  return shapes;
}

/** Inlines `$ref`s (the schemas here are trees, so a depth guard is enough against cycles). */
function resolve(schema: Schema, schemas: Record<string, Schema>, depth = 0): Schema {
  if (depth > 12 || !schema || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') return resolve(schemas[schema.$ref.split('/').pop()!] ?? {}, schemas, depth + 1);
  const out: Schema = Array.isArray(schema) ? [] : {};
  for (const [key, value] of Object.entries(schema)) out[key] = value && typeof value === 'object' ? resolve(value, schemas, depth + 1) : value;
  return out;
}

/** The kernel's seeded generator with the suite's helpers: the same seed replays the same requests. */
export function seededRandom(seed: number) {
  const next = kernelSeededRandom(seed);
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    seed: () => Math.floor(next() * 2 ** 31),
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** The id type prefix a schema's pattern names (`^prd_[0-9a-z]{26}$` → `prd`), if any. */
export function idPrefixOf(schema: Schema | undefined): string | undefined {
  const match = typeof schema?.pattern === 'string' ? /^\^([a-z]{2,5})_\[0-9a-z\]\{26\}\$$/.exec(schema.pattern) : null;
  return match?.[1];
}

export const ID_SHAPE = /^[a-z]{2,5}_[0-9a-z]{26}$/;

/** Picks a real id for a field when one is known (so the request reaches the service), else a well-formed one. */
export type IdSource = (prefix: string | undefined, name: string) => string | undefined;

/** A value the schema accepts; `full` also fills optional properties. */
export function validSample(schema: Schema | undefined, random: Random, ids: IdSource, name = '', full = false, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.example !== undefined && !idPrefixOf(schema) && schema.type !== 'object' && schema.type !== 'array') return schema.example;
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part: Schema) => validSample(part, random, ids, name, full, depth + 1)));
  if (schema.oneOf || schema.anyOf) return validSample((schema.oneOf ?? schema.anyOf)[0], random, ids, name, full, depth + 1);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, property] of Object.entries<Schema>(schema.properties ?? {})) {
        if (!required.has(key) && !full) continue;
        const value = validSample(property, random, ids, key, full, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: Math.min(count, 3) }, () => validSample(schema.items, random, ids, name, full, depth + 1));
    }
    case 'integer':
    case 'number': {
      const minimum = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1);
      const maximum = schema.maximum ?? minimum + 100;
      return Math.min(Math.max(minimum, 1), maximum);
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema, random, ids, name);
    default:
      return schema.properties ? validSample({ ...schema, type: 'object' }, random, ids, name, full, depth) : 'x';
  }
}

function sampleString(schema: Schema, random: Random, ids: IdSource, name: string): string {
  const prefix = idPrefixOf(schema);
  if (prefix || /Id$/.test(name)) {
    const id = ids(prefix, name);
    if (id) return id;
  }
  // A password must pass the strength rule, or every sample would be refused for it rather than for what is tested.
  if (/password/i.test(name)) return 'Linkmall2026ok';
  if (schema.format === 'date-time') return '2026-11-20T08:00:00.000Z';
  if (schema.format === 'date') return '2026-11-20';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri') return 'https://example.com/fuzz';
  if (typeof schema.pattern === 'string') {
    try {
      const [value] = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: random.seed(), numRuns: 1 });
      if (value !== undefined && value.length <= (schema.maxLength ?? Infinity) && value.length >= (schema.minLength ?? 0)) return value;
    } catch {
      // A pattern fast-check cannot invert falls through to a plain string.
    }
  }
  const length = Math.min(Math.max(schema.minLength ?? 1, 4), schema.maxLength ?? 4);
  return '测试fuzz'.repeat(8).slice(0, length).padEnd(length, 'a');
}

/** Hostile strings: SQL, script, unicode edge cases. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' or 1=1--",
  "'; drop table users; --",
  '1; drop table orders',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'nul\u0000byte',
  'lone\ud800surrogate',
  'tail\udc00',
  'rtl\u202eoverride',
  '👨‍👩‍👧‍👦 family',
  '１２３４５６',
  '\u200b\u200b',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%27',
  '   ',
  '',
];

/** Hostile numbers, as raw JSON literals: some are not representable as a JS number at all. */
export const HOSTILE_NUMBERS: readonly string[] = ['-1', '0', '-0', '9007199254740992', '1e309', '-1e309', '"9223372036854775808"', '9223372036854775808', '1.5', '0.0000001', '"12"', '1e21'];

/** A value of the wrong JSON type for a schema. */
export function wrongType(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'true';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return [[{}]];
  }
}

/** `{"a":{"a":...}}` `depth` levels deep, built as text so building it does not recurse. */
export function deepNestingText(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Top-level properties of a body schema (the fields the mutations target). */
export function bodyFields(schema: Schema | undefined): Array<[string, Schema]> {
  if (!schema) return [];
  const merged = schema.allOf ? Object.assign({}, ...schema.allOf.map((part: Schema) => part.properties ?? {})) : (schema.properties ?? {});
  return Object.entries<Schema>(merged);
}
