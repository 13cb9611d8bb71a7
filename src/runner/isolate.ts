/**
 * Which scenarios run a regular expression the user wrote: a REGEX MATCH / NOT REGEX MATCH
 * scoping clause, or a Replace with a regexPattern. JavaScript cannot interrupt a regex stuck in
 * catastrophic backtracking (`(a+)+$` on forty `a`s and a `!`), so on the main thread such a
 * scenario could outlive its timeout for ever. With `limits.isolateRegex` (the default) the runner
 * sends these scenarios to a worker thread even at `--jobs 1`, where the timeout terminates the
 * worker (docs/hardening.md, Limits).
 */
import type { AppDefinition } from '../app/types.js';
import { walkExpression } from '../expr/ast.js';
import { parseExpression } from '../expr/parser.js';

/** Replace's regexPattern argument (0-based): `Replace(source, oldValue, regexPattern, …)`. */
const regexPatternArg = 2;

/** True when the app evaluates a user-written regular expression for some object. */
export function runsUserRegex(app: AppDefinition): boolean {
  for (const object of [app.objects.user, app.objects.group]) {
    if (!object) continue;
    if (object.scopingFilters?.some((f) => f.clauses.some((c) => /REGEX/i.test(String(c.operator))))) return true;
    if (object.mappings.some((m) => typeof m.expression === 'string' && expressionRunsRegex(m.expression))) return true;
  }
  return false;
}

const cache = new Map<string, boolean>();

function expressionRunsRegex(text: string): boolean {
  if (!/replace/i.test(text)) return false;
  let known = cache.get(text);
  if (known === undefined) {
    known = false;
    try {
      walkExpression(parseExpression(text, { functionNameCase: 'insensitive' }), (node) => {
        if (node.kind === 'call' && node.name === 'Replace' && (node.args[regexPatternArg]?.kind ?? 'empty') !== 'empty') known = true;
      });
    } catch {
      // An expression that does not parse never runs: the loader has reported it.
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(text, known);
  }
  return known;
}
