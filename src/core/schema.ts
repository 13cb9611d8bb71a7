/**
 * JSON Schema validation shared by the config and scenario loaders: one lazily created Ajv
 * instance with every schema under `schema/`, and the mapping from Ajv errors to coded issues.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Issue } from './errors.js';

/** Absolute URL of the published `schema/` folder (works from `src/` and from `dist/`). */
export const schemaDir = new URL('../../schema/', import.meta.url);

/** Schema files loaded into the shared Ajv instance, by `$id`. */
const schemaFiles = ['settings.schema.json', 'app.schema.json', 'config.schema.json'] as const;

type AjvInstance = import('ajv').Ajv;
let ajvPromise: Promise<AjvInstance> | undefined;

/**
 * Registers an extra schema file (e.g. `scenario.schema.json`). An Ajv instance already made (the
 * config was validated first) gets it added, keeping the validators it compiled.
 */
export function registerSchemaFile(file: string): void {
  if (extraFiles.includes(file)) return;
  extraFiles.push(file);
  ajvPromise = ajvPromise?.then((ajv) => {
    ajv.addSchema(readSchema(file));
    return ajv;
  });
}
const extraFiles: string[] = [];

async function getAjv(): Promise<AjvInstance> {
  ajvPromise ??= (async () => {
    const [{ Ajv }, formats] = await Promise.all([import('ajv'), import('ajv-formats')]);
    // ajv-formats is CommonJS: its function is the default of the default under NodeNext interop.
    const addFormats = formats.default.default;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    for (const file of [...schemaFiles, ...extraFiles]) ajv.addSchema(readSchema(file));
    return ajv;
  })();
  return ajvPromise;
}

/** Reads one published schema file. */
export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as Record<string, unknown>;
}

/** Compiled validator for a registered schema `$id` (cached by Ajv). */
export async function validatorFor(id: string): Promise<ValidateFunction> {
  const ajv = await getAjv();
  const fn = ajv.getSchema(id);
  if (!fn) throw new Error(`schema not registered: ${id}`);
  return fn;
}

/** Splits an Ajv `instancePath` (`/apps/contoso/objects/user/mappings/0`) into a path. */
export function instancePathToPath(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Turns Ajv errors into issues with codes `<PREFIX>_UNKNOWN_KEY`, `_MISSING_KEY`, `_WRONG_TYPE`,
 * `_INVALID_VALUE`, `_OUT_OF_RANGE`, `_INVALID`. Redundant errors from `anyOf`/`oneOf` branches
 * are collapsed to the most specific one per path.
 */
export function ajvIssues(errors: readonly ErrorObject[] | null | undefined, prefix: string): Issue[] {
  if (!errors) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const path = instancePathToPath(error.instancePath);
    const issue = toIssue(error, path, prefix);
    const key = `${issue.code}|${JSON.stringify(issue.path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject, path: Array<string | number>, prefix: string): Issue {
  const at = path.length ? path.map(String).join('.') : 'the top level';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return {
        code: `${prefix}_UNKNOWN_KEY`,
        message: `unknown key "${key}" in ${at}`,
        hint: 'remove it or check its spelling against the schema',
        path: [...path, key],
      };
    }
    case 'required':
      return {
        code: `${prefix}_MISSING_KEY`,
        message: `missing required key "${String(params['missingProperty'])}" in ${at}`,
        hint: 'add the key',
        path,
      };
    case 'type':
      return { code: `${prefix}_WRONG_TYPE`, message: `${at} must be ${String(params['type'])}`, path };
    case 'enum':
      return {
        code: `${prefix}_INVALID_VALUE`,
        message: `${at} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        path,
      };
    case 'const':
      return { code: `${prefix}_INVALID_VALUE`, message: `${at} must be ${JSON.stringify(params['allowedValue'])}`, path };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
      return { code: `${prefix}_OUT_OF_RANGE`, message: `${at} ${error.message ?? 'is out of range'}`, path };
    default:
      return { code: `${prefix}_INVALID`, message: `${at} ${error.message ?? 'is invalid'}`, path };
  }
}
