import {
  bodyFields,
  deepNestingText,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  idPrefixOf,
  validSample,
  wrongType,
  type IdSource,
  type OperationShape,
  type Random,
  type Schema,
} from './openapi-samples.ts';

/** One hostile request: where it goes, what it carries, and a label that says what it tries. */
export interface FuzzCase {
  /** The family of the attack, so a budget can keep every family while sampling within it. */
  readonly kind: string;
  readonly label: string;
  readonly path: string;
  readonly contentType?: string;
  readonly rawBody?: string;
}

/** Fields named like an id carry that type of id even when their schema has no pattern. */
const NAME_PREFIX: Record<string, string> = {
  merchantId: 'org', supplierId: 'org', organizationId: 'org', memberId: 'usr', userId: 'usr', ownerUserId: 'usr', actorUserId: 'usr',
  skuId: 'sku', productId: 'prd', storeId: 'sto', pickupStoreId: 'sto', cardId: 'crd', orderId: 'ord', categoryId: 'cat', parentId: 'cat',
  templateId: 'cpt', activityId: 'gba', paymentId: 'pay', scheduleId: 'exs', campaignId: 'gcp', leadId: 'lead', intoLeadId: 'lead',
};

export function prefixFor(schema: Schema | undefined, name: string): string | undefined {
  const fromExample = typeof schema?.example === 'string' && /^[a-z]{2,5}_[0-9a-z]{26}$/.test(schema.example) ? schema.example.split('_')[0] : undefined;
  return idPrefixOf(schema) ?? NAME_PREFIX[name] ?? fromExample;
}

/** Stands for a field whose value is spliced in as raw JSON text (1e309 has no JavaScript value). */
const SLOT = '@@fuzz-slot@@';
const ONE_MEGABYTE_PLUS = 1024 * 1024 + 4096;
const BAD_PATH_IDS = ["' or 1=1--", '1; drop table users', '<script>x</script>', 'nul\u0000byte', 'rtl\u202eid', '１２３', '-1', '9223372036854775808', 'x'.repeat(5000), '../../admin', 'usr_00000000000000000000000000', 'prd_zzzzzzzzzzzzzzzzzzzzzzzzzz'];
const BAD_QUERY_VALUES = ['abc', '-1', '0', '9007199254740993', '1e309', '9223372036854775808', "' or 1=1--", '<script>', '%00', '%ED%A0%80', '%E2%80%AE', 'x'.repeat(20_000), '２０２６-01-01', '2026-13-45'];
const MALFORMED_JSON = ['{"a":', '{', 'nul', "{'a':1}", '{"a":1,}', '\u0000', '', '{"a":"\\ud800"}', '\ufeff{}'];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'];
const NON_OBJECTS = ['[]', 'null', '1', '"s"', 'true'];

/** Fills a templated path; `override` replaces one parameter with a hostile value. */
export function fillPath(operation: OperationShape, random: Random, ids: IdSource, override?: { name: string; value: string }): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override?.name === name) return encodeURIComponent(override.value).replace(/%25(?=[0-9A-F]{2})/g, '%');
    const param = operation.pathParams.find((p) => p.name === name);
    const value = validSample({ ...param?.schema, ...(prefixFor(param?.schema, name) ? { pattern: `^${prefixFor(param?.schema, name)}_[0-9a-z]{26}$` } : {}) }, random, ids, name);
    return encodeURIComponent(String(value ?? 'x'));
  });
}

/** The hostile requests for one operation, in a fixed order for a given seed. */
export function fuzzCases(operation: OperationShape, random: Random, ids: IdSource): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const path = fillPath(operation, random, ids);
  const body = operation.body;
  const base = body ? (validSample(body, random, ids) as Record<string, unknown>) : undefined;
  const json = (kind: string, label: string, value: unknown) => cases.push({ kind, label, path, rawBody: JSON.stringify(value) });

  if (body) {
    json('valid', 'valid sample', base);
    json('valid', 'full valid sample', validSample(body, random, ids, '', true));
  } else cases.push({ kind: 'valid', label: 'plain call', path });

  for (const param of operation.pathParams) {
    for (const value of BAD_PATH_IDS) cases.push({ kind: 'path', label: `path ${param.name}=${value.slice(0, 20)}`, path: fillPath(operation, random, ids, { name: param.name, value }), ...(body ? { rawBody: JSON.stringify(base) } : {}) });
    const wrongPrefix = ids(random.pick(['org', 'usr', 'prd', 'ord', 'crd', 'lead']), '');
    if (wrongPrefix) cases.push({ kind: 'path', label: `path ${param.name}=another type's id`, path: fillPath(operation, random, ids, { name: param.name, value: wrongPrefix }), ...(body ? { rawBody: JSON.stringify(base) } : {}) });
  }

  for (const param of operation.queryParams) {
    for (const value of BAD_QUERY_VALUES) {
      const encoded = /^%/.test(value) ? value : encodeURIComponent(value);
      cases.push({ kind: 'query', label: `query ${param.name}=${value.slice(0, 20)}`, path: `${path}?${param.name}=${encoded}`, ...(body ? { rawBody: JSON.stringify(base) } : {}) });
    }
    cases.push({ kind: 'query', label: `query ${param.name} repeated`, path: `${path}?${param.name}=1&${param.name}=2` });
  }
  if (operation.queryParams.length > 0) cases.push({ kind: 'query', label: 'query unknown + encoded junk', path: `${path}?__proto__=1&constructor=x&%ZZ=1` });

  if (!body) {
    if (operation.method !== 'GET') cases.push({ kind: 'shape', label: 'unexpected body', path, rawBody: JSON.stringify({ injected: "' or 1=1--" }) });
    return cases;
  }

  for (const text of MALFORMED_JSON) cases.push({ kind: 'malformed', label: `malformed JSON ${JSON.stringify(text).slice(0, 12)}`, path, rawBody: text });
  for (const type of WRONG_CONTENT_TYPES) cases.push({ kind: 'content-type', label: `content type ${type}`, path, contentType: type, rawBody: JSON.stringify(base) });
  for (const text of NON_OBJECTS) cases.push({ kind: 'shape', label: `top level ${text}`, path, rawBody: text });
  cases.push({ kind: 'nesting', label: 'deep nesting (top level)', path, rawBody: deepNestingText(50_000) });
  cases.push({ kind: 'huge', label: 'over 1 MB', path, rawBody: JSON.stringify({ ...base, padding: 'x'.repeat(ONE_MEGABYTE_PLUS) }) });
  json('missing', 'empty object', {});
  json('shape', 'extra field', { ...base, unexpectedField: "'; drop table users; --" });
  cases.push({ kind: 'shape', label: '__proto__ pollution', path, rawBody: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"isAdmin":true,"roles":["platform_admin"]},"constructor":{"prototype":{"x":1}},') });

  const required = new Set<string>(body.required ?? []);
  for (const [name, schema] of bodyFields(body)) {
    const withField = (value: unknown) => ({ ...base, [name]: value });
    if (required.has(name)) {
      const { [name]: _, ...rest } = base ?? {};
      json('missing', `missing ${name}`, rest);
    }
    json('wrong-type', `${name}: wrong type`, withField(wrongType(schema)));
    json('wrong-type', `${name}: null`, withField(null));
    const withLiteral = (literal: string) => JSON.stringify(withField(SLOT)).replace(`"${SLOT}"`, literal);
    cases.push({ kind: 'nesting', label: `${name}: deep nesting`, path, rawBody: withLiteral(deepNestingText(2000)) });
    const kind = schema.type ?? (schema.properties ? 'object' : undefined);
    if (kind === 'string' || kind === undefined) {
      for (let i = 0; i < 4; i++) {
        const text = random.pick(HOSTILE_STRINGS);
        json('hostile-string', `${name}: ${JSON.stringify(text).slice(0, 16)}`, withField(text));
      }
      json('huge', `${name}: 600 KB string`, withField('长'.repeat(200_000)));
      json('huge', `${name}: 1 MB+ string`, withField('x'.repeat(ONE_MEGABYTE_PLUS)));
    }
    if (kind === 'integer' || kind === 'number' || /Fen$|amount|price|quantity|count/i.test(name)) {
      for (const literal of HOSTILE_NUMBERS) cases.push({ kind: 'number', label: `${name}: ${literal}`, path, rawBody: withLiteral(literal) });
    }
    if (kind === 'array') {
      json('array', `${name}: 100k-element array`, withField(Array.from({ length: 100_000 }, () => 1)));
      json('array', `${name}: array of hostile items`, withField([...HOSTILE_STRINGS, -1, 1e300, null, {}, []]));
      const sampleItem = validSample(schema.items, random, ids);
      json('array', `${name}: 5000 valid items`, withField(Array.from({ length: 5000 }, () => sampleItem)));
    }
    if (kind === 'object') json('hostile-string', `${name}: hostile nested fields`, withField(Object.fromEntries(bodyFields(schema).map(([key]) => [key, random.pick(HOSTILE_STRINGS)]))));
    const prefix = prefixFor(schema, name);
    if (prefix) {
      json('id', `${name}: nonexistent id`, withField(`${prefix}_00000000000000000000000000`));
      const foreign = ids(random.pick(['org', 'usr', 'prd', 'ord', 'sku', 'crd']), '');
      if (foreign) json('id', `${name}: another type's id`, withField(foreign));
    }
  }
  return cases;
}

/**
 * At most `budget` cases: every valid sample, then one case of each attack family in turn (drawn
 * with the seed), so a small budget still tries every family on every route and another seed tries
 * other members of each family.
 */
export function withinBudget(cases: readonly FuzzCase[], random: Random, budget: number): FuzzCase[] {
  if (!Number.isFinite(budget) || cases.length <= budget) return [...cases];
  const chosen = cases.filter((fuzz) => fuzz.kind === 'valid');
  const families = new Map<string, FuzzCase[]>();
  for (const fuzz of cases) if (fuzz.kind !== 'valid') families.set(fuzz.kind, [...(families.get(fuzz.kind) ?? []), fuzz]);
  while (chosen.length < budget && families.size > 0) {
    for (const [kind, members] of families) {
      if (chosen.length >= budget) break;
      chosen.push(members.splice(random.int(members.length), 1)[0]!);
      if (members.length === 0) families.delete(kind);
    }
  }
  return chosen;
}
