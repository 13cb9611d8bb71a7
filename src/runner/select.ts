/**
 * Selecting scenarios: `--grep <regex>` on the name (case-insensitive), `--tag t` (any of the
 * listed tags; repeatable, or comma-separated) and `--tag '!t'` (none of them).
 */
import { UsageError } from '../core/errors.js';
import type { LoadedScenario } from '../scenario/types.js';

export interface Selection {
  grep?: string;
  /** `t` includes, `!t` excludes; comma-separated lists allowed. */
  tags?: readonly string[];
}

/** The scenarios a selection keeps, in their order. Throws UsageError for an invalid regex. */
export function selectScenarios<T extends Pick<LoadedScenario, 'name' | 'tags'>>(scenarios: readonly T[], selection: Selection): T[] {
  const grep = compileGrep(selection.grep);
  const words = (selection.tags ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const include = words.filter((t) => !t.startsWith('!')).map((t) => t.toLowerCase());
  const exclude = words.filter((t) => t.startsWith('!')).map((t) => t.slice(1).toLowerCase()).filter(Boolean);
  return scenarios.filter((s) => {
    const tags = s.tags.map((t) => t.toLowerCase());
    if (grep && !grep.test(s.name)) return false;
    if (include.length > 0 && !include.some((t) => tags.includes(t))) return false;
    return !exclude.some((t) => tags.includes(t));
  });
}

function compileGrep(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch (error) {
    throw new UsageError('CLI_INVALID_GREP', `--grep is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'escape special characters, e.g. --grep "user \\(disabled\\)"',
    });
  }
}
