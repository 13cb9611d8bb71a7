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

/** Apps already looked at: scenarios naming the same app file or config app share one object. */
const known = new WeakMap<AppDefinition, boolean>();

/** True when the app evaluates a user-written regular expression for some object. */
export function runsUserRegex(app: AppDefinition): boolean {
  let answer = known.get(app);
  if (answer === undefined) {
    answer = [app.objects.user, app.objects.group].some(
      (object) =>
        object !== undefined &&
        ((object.scopingFilters ?? []).some((f) => f.clauses.some((c) => /REGEX/i.test(String(c.operator)))) ||
          object.mappings.some((m) => typeof m.expression === 'string' && expressionRunsRegex(m.expression))),
    );
    known.set(app, answer);
  }
  return answer;
}

function expressionRunsRegex(text: string): boolean {
  if (!/replace/i.test(text)) return false;
  let found = false;
  try {
    walkExpression(parseExpression(text, { functionNameCase: 'insensitive' }), (node) => {
      if (node.kind === 'call' && node.name === 'Replace' && (node.args[regexPatternArg]?.kind ?? 'empty') !== 'empty') found = true;
    });
  } catch {
    // An expression that does not parse never runs: the loader has reported it.
  }
  return found;
}
