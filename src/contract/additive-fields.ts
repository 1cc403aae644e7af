type Schema = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A schema and every subschema it composes (allOf, oneOf, anyOf), flattened: the shapes a value may take. */
function branches(schema: unknown): Schema[] {
  if (!isObject(schema)) return [];
  const out: Schema[] = [schema];
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    for (const sub of Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []) out.push(...branches(sub));
  return out;
}

/**
 * The fields of `value` that `schema` describes nowhere (every JSON path, dotted: `requestId`, `data.score`,
 * `items[0].note`), and a copy of `value` without them. Lenient by design (docs/decisions/0028): a property is
 * described when any branch of the schema names it, so the copy is what the spec can judge strictly and the
 * fields are additive drift, a warning. Generated schemas carry no $ref, so none is followed.
 */
export function additiveFields(schema: unknown, value: unknown): { fields: string[]; known: unknown } {
  const fields: string[] = [];
  const walk = (shapes: Schema[], v: unknown, path: string): unknown => {
    if (Array.isArray(v)) {
      const items = shapes.flatMap((s) => branches(s.items));
      return items.length ? v.map((item, i) => walk(items, item, `${path}[${i}]`)) : v;
    }
    if (!isObject(v)) return v;
    const objectShapes = shapes.filter((s) => isObject(s.properties));
    // A shape that takes any name (a map, patternProperties, additionalProperties: true or a schema) describes every field.
    if (
      !objectShapes.length ||
      shapes.some((s) => s.patternProperties || (s.additionalProperties !== undefined && s.additionalProperties !== false))
    )
      return v;
    const known: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(v)) {
      const at = path ? `${path}.${name}` : name;
      const described = objectShapes.flatMap((s) => branches((s.properties as Record<string, unknown>)[name]));
      if (!objectShapes.some((s) => Object.hasOwn(s.properties as object, name))) fields.push(at);
      else known[name] = walk(described, field, at);
    }
    return known;
  };
  const known = walk(branches(schema), value, '');
  return { fields, known };
}
