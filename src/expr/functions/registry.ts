/**
 * Every function of the language by name (entra-semantics.md §3), with lookup by exact or
 * case-insensitive name and "did you mean" suggestions.
 */
import { dateFunctions } from './dates.js';
import { generateFunctions } from './generate.js';
import { logicFunctions } from './logic.js';
import { replaceFunctions } from './replace.js';
import { textFunctions } from './text.js';
import type { FunctionDef } from './types.js';
import { uniqueFunctions } from './unique.js';

/** All functions, in alphabetical order (the reference's order). */
export const functions: readonly FunctionDef[] = [
  ...textFunctions,
  ...logicFunctions,
  ...replaceFunctions,
  ...dateFunctions,
  ...generateFunctions,
  ...uniqueFunctions,
].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));

const exact = new Map(functions.map((f) => [f.name, f]));
const lower = new Map(functions.map((f) => [f.name.toLowerCase(), f]));

/** Functions listed only in the older Graph schema (§3 "Graph-schema-only"); not implemented. */
const graphOnly = new Set(['DefaultDomain', 'AppRoleAssignments', 'IsNothing', 'Prepend']);

/** The function called `name`, honouring the `functionNameCase` setting. */
export function findFunction(name: string, nameCase: 'sensitive' | 'insensitive'): FunctionDef | undefined {
  return nameCase === 'sensitive' ? exact.get(name) : lower.get(name.toLowerCase());
}

/** A hint for an unknown function name. */
export function suggestFunction(name: string): string | undefined {
  const sameLetters = lower.get(name.toLowerCase());
  if (sameLetters) return `function names are case-sensitive (settings.expression.functionNameCase): write ${sameLetters.name}`;
  const legacy = [...graphOnly].find((g) => g.toLowerCase() === name.toLowerCase());
  if (legacy) return `${legacy} appears only in the older Graph schema listing and is not supported`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const f of functions) {
    const d = distance(name.toLowerCase(), f.name.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = f.name;
    }
  }
  return best && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? `did you mean ${best}?` : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
