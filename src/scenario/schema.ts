/**
 * Validation of scenario documents and app files against the published schemas
 * (`schema/scenario.schema.json`, `schema/app.schema.json`), with every issue placed at its
 * `file:line:col`.
 */
import type { Issue } from '../core/errors.js';
import { ajvIssues, registerSchemaFile, validatorFor } from '../core/schema.js';
import { frame, locate, type YamlDocument } from './yaml-source.js';

registerSchemaFile('scenario.schema.json');

/** Published schema ids this module validates against. */
export type DocumentSchema = 'scenario.schema.json' | 'app.schema.json';

const hints: Record<string, string> = {
  SCENARIO_UNKNOWN_KEY: 'remove it or check its spelling; see schema/scenario.schema.json',
  SCENARIO_MISSING_KEY: 'add the key',
  SCENARIO_WRONG_TYPE: 'change the value to the type shown',
  SCENARIO_INVALID_VALUE: 'use one of the values listed',
  SCENARIO_OUT_OF_RANGE: 'change the value to fit the limit shown',
  SCENARIO_INVALID: 'fix the value; see schema/scenario.schema.json',
};

/**
 * Validates plain data against a schema. With a YAML source the issues carry a location and a
 * code frame (the key for unknown keys, the value otherwise); without one they carry the path.
 */
export async function validateAgainst(
  schema: DocumentSchema,
  value: unknown,
  source?: YamlDocument,
  basePath: ReadonlyArray<string | number> = [],
): Promise<Issue[]> {
  const validate = await validatorFor(schema);
  if (validate(value)) return [];
  const issues = ajvIssues(validate.errors, 'SCENARIO').map((issue) => {
    const path = [...basePath, ...(issue.path ?? [])];
    const hint = /format "date-time"/.test(issue.message)
      ? 'write an ISO 8601 instant with a time zone, such as 2026-01-01T00:00:00Z'
      : issue.code === 'SCENARIO_UNKNOWN_KEY' && schema === 'app.schema.json'
        ? 'remove it or check its spelling; see schema/app.schema.json'
        : (hints[issue.code] ?? issue.hint);
    const located: Issue = { ...issue, path, ...(hint ? { hint } : {}) };
    if (!source) return located;
    const location = locate(source, path, issue.code === 'SCENARIO_UNKNOWN_KEY' || issue.code === 'SCENARIO_MISSING_KEY');
    return frame(source, { ...located, location });
  });
  return issues.sort(byLocation);
}

/** Top to bottom, left to right; issues without a location keep their order at the end. */
function byLocation(a: Issue, b: Issue): number {
  if (!a.location || !b.location) return a.location ? -1 : b.location ? 1 : 0;
  return a.location.line - b.location.line || a.location.column - b.location.column;
}
