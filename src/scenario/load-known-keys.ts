// The fields a zod schema allows at a path of a value, so an unknown field can be answered
// with the names it could have been. Reads zod's definitions (`_zod.def`) and follows
// unions the way the value does (a discriminated union by its tag).
import type * as z from 'zod';
import type { Segment } from './load-source.ts';
import { isPlainObject, valueAt } from './load-yaml.ts';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  values?: unknown[];
  getter?: () => z.ZodType;
}

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = def(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
  return s;
}

/** The object schema a value at `path` was validated against, choosing union branches by the value. */
function objectsAt(schema: z.ZodType, path: readonly Segment[], input: unknown): z.ZodType[] {
  let candidates = [schema];
  let value = input;
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const c of candidates.flatMap((s) => branches(s, value))) {
      const d = def(c);
      if (d.type === 'object' && typeof seg === 'string' && d.shape?.[seg]) next.push(d.shape[seg]);
      else if (d.type === 'array' && typeof seg === 'number' && d.element) next.push(d.element);
      else if (d.type === 'tuple' && typeof seg === 'number' && d.items?.[seg]) next.push(d.items[seg]);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    candidates = next;
    value = valueAt(value, [seg]);
  }
  return candidates.flatMap((s) => branches(s, value)).filter((s) => def(s).type === 'object');
}

/** The concrete schemas a value may be checked against: union branches, narrowed by discriminator. */
function branches(schema: z.ZodType, value: unknown): z.ZodType[] {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type !== 'union' || !d.options) return [s];
  let options = d.options.flatMap((o) => branches(o, value));
  if (d.discriminator && isPlainObject(value)) {
    const tag = value[d.discriminator];
    const matching = options.filter((o) => {
      const field = def(o).shape?.[d.discriminator as string];
      return field !== undefined && (def(unwrap(field)).values ?? []).includes(tag);
    });
    if (matching.length > 0) options = matching;
  }
  return options;
}

/** The field names the schema allows at `path` (for "expected one of" on unknown fields). */
export function knownKeys(schema: z.ZodType, path: readonly Segment[], input: unknown): string[] {
  const keys = new Set<string>();
  for (const o of objectsAt(schema, path, input)) for (const k of Object.keys(def(o).shape ?? {})) keys.add(k);
  return [...keys];
}
