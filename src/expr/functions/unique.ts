/**
 * SelectUniqueValue (entra-semantics.md §3): the first rule whose value the target does not hold
 * yet, through the injected `exists(targetAttribute, value)` port; all taken ⇒ the object is
 * escrowed (an evaluation error here). At least two rules; top level only.
 */
import { evalError, textOf } from '../coerce.js';
import { DoNotFlow } from '../value.js';
import type { LazyFunction } from './types.js';

export const SelectUniqueValue: LazyFunction = {
  name: 'SelectUniqueValue',
  summary: 'the first rule whose value is not yet taken in the target',
  lazy: true,
  topLevelOnly: true,
  params: [],
  repeat: { param: { name: 'uniqueValueRule' }, min: 2 },
  compile(rules, site) {
    const thunks = rules.map((r) => r!);
    return (frame) => {
      const { exists, targetAttribute } = frame.ctx;
      const tried: string[] = [];
      for (let i = 0; i < thunks.length; i++) {
        const value = thunks[i]!(frame);
        if (value instanceof DoNotFlow) return value;
        const candidate = textOf(value, site, i);
        // A rule that yields nothing is not a candidate.
        if (candidate === null) continue;
        if (!exists || !exists(targetAttribute ?? '', candidate)) return candidate;
        tried.push(candidate);
      }
      const why =
        tried.length === 0
          ? 'no rule gave a candidate: every rule evaluated to null'
          : `every candidate is already taken in the target${targetAttribute ? ` (${targetAttribute})` : ''}: ${tried.map((t) => `"${t}"`).join(', ')}`;
      return evalError(
        'EXPR_EVAL_NO_UNIQUE_VALUE',
        why,
        site,
        undefined,
        'add another rule; Entra escrows the object and retries it in a later cycle',
      );
    };
  },
};

export const uniqueFunctions = [SelectUniqueValue];
