/**
 * Replace (entra-semantics.md §3 Replace): five modes chosen by which optional slots are filled;
 * case-sensitive; regular expressions in the .NET dialect (translated, see dotnet-regex.ts).
 */
import type { CallNode } from '../ast.js';
import { evalError, sourceText, textOf, textOrEmpty } from '../coerce.js';
import { parseReplacement, replaceMatches, substitute, translateDotnetRegex, RegexTranslationError, type DotnetRegex } from '../dotnet-regex.js';
import type { CallSite, EagerFunction } from './types.js';

const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

type Mode = 'literal' | 'template' | 'regex' | 'group' | 'attribute';

/** The mode from which slots are supplied (not empty); undefined when no documented mode fits. */
export function replaceMode(supplied: (index: number) => boolean): Mode | undefined {
  if (supplied(OLD_VALUE)) {
    if (supplied(TEMPLATE)) return 'template';
    if (supplied(REPLACEMENT)) return 'literal';
    return undefined;
  }
  if (!supplied(PATTERN)) return undefined;
  if (supplied(GROUP)) {
    if (supplied(REPLACEMENT_ATTRIBUTE)) return 'attribute';
    if (supplied(REPLACEMENT)) return 'group';
    return undefined;
  }
  return supplied(REPLACEMENT) ? 'regex' : undefined;
}

interface CompiledRegex {
  /** Global, for the replace modes. */
  readonly regex: RegExp;
  /** Global with match indices (`d`, slower), for the group mode; made on first use. */
  indexed?: RegExp;
  readonly dotnet: DotnetRegex;
  readonly replacements: Map<string, ReturnType<typeof parseReplacement>>;
}

/** Translated patterns by pattern text (constant patterns hit this every time). */
const regexCache = new Map<string, CompiledRegex | RegexTranslationError | SyntaxError>();
const regexCacheLimit = 1000;

/** The translated pattern, or why it cannot be used (cached either way). */
function cachedRegex(pattern: string): CompiledRegex | RegexTranslationError | SyntaxError {
  let entry = regexCache.get(pattern);
  if (entry === undefined) {
    try {
      const dotnet = translateDotnetRegex(pattern);
      entry = { regex: new RegExp(dotnet.source, `${dotnet.flags}g`), dotnet, replacements: new Map() };
    } catch (error) {
      entry = error instanceof RegexTranslationError || error instanceof SyntaxError ? error : new SyntaxError(String(error));
    }
    if (regexCache.size >= regexCacheLimit) regexCache.clear();
    regexCache.set(pattern, entry);
  }
  return entry;
}

function regexProblem(pattern: string, error: Error): string {
  const where = error instanceof RegexTranslationError ? ` (at pattern position ${error.offset + 1})` : '';
  return `regexPattern "${pattern}" is invalid: ${error.message}${where}`;
}

const regexHint = 'patterns use the .NET dialect; inside a string literal write \\\\ for one backslash';

function compileRegex(pattern: string, site: CallSite): CompiledRegex {
  const entry = cachedRegex(pattern);
  if (entry instanceof Error) return evalError('EXPR_EVAL_INVALID_REGEX', regexProblem(pattern, entry), site, PATTERN, regexHint);
  return entry;
}

function groupIndex(compiled: CompiledRegex, name: string, site: CallSite): string {
  if (compiled.dotnet.groups.some((g) => g.name === name)) return name;
  return evalError('EXPR_EVAL_INVALID_ARGUMENT', `regexGroupName "${name}" is not a named group of the pattern`, site, GROUP, 'name a group in the pattern: (?<name>…)');
}

export const Replace: EagerFunction = {
  name: 'Replace',
  summary: 'replaces text literally, by template, or by a .NET regular expression',
  params: [
    { name: 'source' },
    { name: 'oldValue', optional: true },
    { name: 'regexPattern', optional: true },
    { name: 'regexGroupName', optional: true },
    { name: 'replacementValue', optional: true },
    { name: 'replacementAttributeName', optional: true },
    { name: 'template', optional: true },
  ],
  validate(node: CallNode, fail) {
    const mode = replaceMode((i) => node.args[i] !== undefined && node.args[i]!.kind !== 'empty');
    if (!mode) {
      fail(
        'Replace needs oldValue with replacementValue or template, or regexPattern with replacementValue, or regexPattern and regexGroupName with replacementValue or replacementAttributeName',
        undefined,
        'the slots are Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)',
      );
    }
    // A pattern written as a literal can be checked now, so `provision validate` reports it; one
    // read from an attribute is known only at run time (EXPR_EVAL_INVALID_REGEX then).
    const pattern = node.args[PATTERN];
    if (mode !== 'literal' && mode !== 'template' && pattern?.kind === 'string') {
      const entry = cachedRegex(pattern.value);
      if (entry instanceof Error) fail(regexProblem(pattern.value, entry), PATTERN, regexHint, 'EXPR_INVALID_REGEX');
    }
  },
  call(args, frame, site) {
    const mode = replaceMode((i) => args[i] !== undefined)!;
    if (mode === 'attribute') {
      // If source has a value it wins; otherwise the named group of the regex run on the
      // replacement attribute. "No value" includes "" (§3 Replace).
      const source = textOf(args[SOURCE], site, SOURCE);
      if (source !== null && source !== '') return source;
      const other = textOf(args[REPLACEMENT_ATTRIBUTE], site, REPLACEMENT_ATTRIBUTE);
      if (other === null) return null;
      const compiled = compileRegex(textOrEmpty(args[PATTERN], site, PATTERN), site);
      const name = groupIndex(compiled, textOrEmpty(args[GROUP], site, GROUP), site);
      compiled.regex.lastIndex = 0;
      const match = compiled.regex.exec(other);
      return match?.groups?.[name] ?? '';
    }
    const source = sourceText(args[SOURCE], frame, site, SOURCE);
    if (source === null) return null;
    switch (mode) {
      case 'literal': {
        const oldValue = textOrEmpty(args[OLD_VALUE], site, OLD_VALUE);
        if (oldValue === '') return evalError('EXPR_EVAL_INVALID_ARGUMENT', 'argument 2 (oldValue) is empty', site, OLD_VALUE);
        return source.replaceAll(oldValue, textOrEmpty(args[REPLACEMENT], site, REPLACEMENT));
      }
      case 'template': {
        const oldValue = textOrEmpty(args[OLD_VALUE], site, OLD_VALUE);
        if (oldValue === '') return evalError('EXPR_EVAL_INVALID_ARGUMENT', 'argument 2 (oldValue) is empty', site, OLD_VALUE);
        const template = textOf(args[TEMPLATE], site, TEMPLATE);
        return template === null ? null : template.replaceAll(oldValue, source);
      }
      case 'regex': {
        const compiled = compileRegex(textOrEmpty(args[PATTERN], site, PATTERN), site);
        const replacement = textOrEmpty(args[REPLACEMENT], site, REPLACEMENT);
        let parts = compiled.replacements.get(replacement);
        if (!parts) {
          parts = parseReplacement(replacement, compiled.dotnet);
          if (compiled.replacements.size < 100) compiled.replacements.set(replacement, parts);
        }
        const p = parts;
        return replaceMatches(compiled.regex, source, (m) => substitute(p, m, source));
      }
      case 'group': {
        // Only the text the named group captured is replaced; the rest of each match is kept.
        const compiled = compileRegex(textOrEmpty(args[PATTERN], site, PATTERN), site);
        const name = groupIndex(compiled, textOrEmpty(args[GROUP], site, GROUP), site);
        const replacement = textOrEmpty(args[REPLACEMENT], site, REPLACEMENT);
        compiled.indexed ??= new RegExp(compiled.regex.source, `${compiled.regex.flags}d`);
        return replaceMatches(compiled.indexed, source, (m) => {
          const span = m.indices?.groups?.[name];
          if (!span) return m[0];
          const from = span[0] - m.index;
          const to = span[1] - m.index;
          return m[0].slice(0, from) + replacement + m[0].slice(to);
        });
      }
    }
  },
};

export const replaceFunctions = [Replace];
