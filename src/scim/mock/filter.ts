/**
 * SCIM filters for the mocked target: scim2-parse-filter's `parse()` for the syntax, and our own
 * evaluator for the semantics its `filter()` gets wrong for Entra's traffic (libraries.md (a)):
 * `eq`/`co`/`sw`/`ew` honour each attribute's `caseExact` (userName matches case-insensitively),
 * `gt`/`lt` compare dateTimes as instants, and `emails[type eq "work"].value eq "x"` binds the
 * comparison to the same element.
 */
import { parse, type Filter } from 'scim2-parse-filter';
import { attributeInfo, splitAttributePath, type AttributeInfo, type ScimResourceType } from '../schema.js';
import { isObject, valuesAt, type JsonObject } from './paths.js';
import { ScimProtocolError } from './protocol.js';

export type { Filter };

/**
 * Rewrites `attr[inner].sub op value` into `attr[(inner) and sub op value]`. The parser reads the
 * first form as two independent conditions joined by `and`, which would match a user whose work
 * email is one address and whose other email is the searched one.
 */
export function bindValuePathComparisons(text: string): string {
  const tail = /^\.([A-Za-z_$][\w$-]*)\s+(?:(pr)\b|(eq|ne|co|sw|ew|gt|ge|lt|le)\s+("(?:[^"\\]|\\.)*"|[^\s()[\]]+))/i;
  let out = '';
  let inString = false;
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\' && i + 1 < text.length) out += text[++i];
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === '[') opens.push(out.length);
    if (ch === ']') {
      const open = opens.pop();
      const match = open === undefined ? null : tail.exec(text.slice(i + 1));
      if (open !== undefined && match) {
        const [whole, sub, pr, op, value] = match;
        const inner = out.slice(open + 1);
        const condition = pr ? `${sub} pr` : `${sub} ${op} ${value}`;
        out = `${out.slice(0, open)}[(${inner}) and ${condition}]`;
        i += whole.length;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** A JSON string literal, escapes included. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

/**
 * Parses a filter as the target sees it; a syntax error is a 400 invalidFilter (RFC 7644 §3.4.2.2).
 *
 * A comparison value is a JSON string (RFC 7644 §3.4.2.2), so `"CONTOSO\\jdoe"` means one
 * backslash. The parser unescapes only `\"` (it kept `\\` as two backslashes, and failed on a
 * value ending in one), so every literal is decoded with JSON.parse first and handed to the parser
 * as a plain placeholder, then put back into the parsed filter.
 */
export function parseFilter(text: string): Filter {
  const literals: string[] = [];
  try {
    const masked = text.trim().replace(STRING_LITERAL, (literal) => {
      literals.push(JSON.parse(literal) as string);
      return `"L${literals.length - 1}"`;
    });
    return restoreLiterals(parse(bindValuePathComparisons(masked)), literals);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScimProtocolError(400, `The filter "${text}" cannot be parsed: ${reason}`, 'invalidFilter');
  }
}

/** Puts the decoded string literals back in place of their `L<n>` placeholders. */
function restoreLiterals(filter: Filter, literals: readonly string[]): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map((f) => restoreLiterals(f, literals)) };
    case 'not':
      return { ...filter, filter: restoreLiterals(filter.filter, literals) };
    case '[]':
      return { ...filter, valFilter: restoreLiterals(filter.valFilter, literals) };
    case 'pr':
      return filter;
    default:
      return typeof filter.compValue === 'string' ? { ...filter, compValue: literals[Number(filter.compValue.slice(1))] ?? filter.compValue } : filter;
  }
}

/** Attribute paths a filter reads, value-filter sub-attributes qualified: `emails.type`. */
export function filterAttributes(filter: Filter, prefix = ''): string[] {
  switch (filter.op) {
    case 'and':
    case 'or':
      return filter.filters.flatMap((f) => filterAttributes(f, prefix));
    case 'not':
      return filterAttributes(filter.filter, prefix);
    case '[]':
      return [`${prefix}${filter.attrPath}`, ...filterAttributes(filter.valFilter, `${prefix}${filter.attrPath}.`)];
    default:
      return [`${prefix}${filter.attrPath}`];
  }
}

/** Whether a resource matches a filter. Throws a 400 invalidFilter for comparisons RFC 7644 forbids. */
export function matchesFilter(resource: JsonObject, filter: Filter, type: ScimResourceType): boolean {
  return evaluate(resource, filter, type, '');
}

function evaluate(item: JsonObject, filter: Filter, type: ScimResourceType, prefix: string): boolean {
  const relative = prefix !== '';
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => evaluate(item, f, type, prefix));
    case 'or':
      return filter.filters.some((f) => evaluate(item, f, type, prefix));
    case 'not':
      return !evaluate(item, filter.filter, type, prefix);
    case '[]': {
      const elements = valuesAt(item, filter.attrPath, relative).filter(isObject);
      const path = qualified(prefix, filter.attrPath);
      return elements.some((element) => evaluate(element, filter.valFilter, type, `${path}.`));
    }
    case 'pr':
      return valuesAt(item, filter.attrPath, relative).some(isPresent);
    default: {
      const path = qualified(prefix, filter.attrPath);
      const info = attributeInfo(type, path);
      const values = valuesAt(item, filter.attrPath, relative).map((v) => (isObject(v) && 'value' in v ? v.value : v));
      const expected = filter.compValue;
      if (expected === null) return filter.op === 'ne' ? values.length > 0 : values.length === 0;
      if (filter.op === 'ne') return !values.some((v) => compare(v, 'eq', expected, info, path));
      const op = filter.op;
      return values.some((v) => compare(v, op, expected, info, path));
    }
  }
}

function qualified(prefix: string, path: string): string {
  if (prefix) return `${prefix}${path}`;
  const { urn, names } = splitAttributePath(path);
  return urn ? `${urn}:${names.join('.')}` : names.join('.');
}

/** RFC 7644 §3.4.2.2 `pr`: a value that is not null, not empty and not an empty list or object. */
function isPresent(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return false;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

function compare(
  actual: unknown,
  op: CompareOp,
  expected: string | number | boolean,
  info: AttributeInfo,
  path: string,
): boolean {
  if (info.type === 'boolean' || typeof expected === 'boolean') {
    if (op !== 'eq') {
      const message = `The operator "${op}" cannot be used on the boolean attribute "${path}"`;
      throw new ScimProtocolError(400, message, 'invalidFilter');
    }
    return String(actual).toLowerCase() === String(expected).toLowerCase();
  }
  if (typeof expected === 'number') {
    const number = typeof actual === 'number' ? actual : Number(actual);
    return !Number.isNaN(number) && ordered(number, expected, op);
  }
  if (info.type === 'dateTime' && (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le' || op === 'eq')) {
    const a = Date.parse(String(actual));
    const b = Date.parse(expected);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return ordered(a, b, op);
  }
  if (typeof actual !== 'string') return false;
  const a = info.caseExact ? actual : actual.toLowerCase();
  const b = info.caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return ordered(a, b, op);
  }
}

function ordered<T extends string | number>(a: T, b: T, op: CompareOp): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return a === b;
  }
}
