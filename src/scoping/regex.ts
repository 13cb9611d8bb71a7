/**
 * REGEX MATCH patterns: .NET syntax (the service is .NET, entra-semantics.md §5.3, §13 ?2),
 * translated by the expression engine's translator (src/expr/dotnet-regex.ts, shared with
 * Replace) and anchored per `scoping.regexAnchoring`.
 */
import { RegexTranslationError, translateDotnetRegex } from '../expr/dotnet-regex.js';

const START = '(?<![\\s\\S])';
const END = '(?![\\s\\S])';

/** A pattern that cannot be used: invalid, or .NET that JavaScript cannot run the same way. */
export class ScopingRegexError extends Error {
  override name = 'ScopingRegexError';
  constructor(
    readonly code: 'SCOPING_INVALID_REGEX' | 'SCOPING_UNSUPPORTED_REGEX',
    message: string,
    /** 0-based offset in the pattern, when known. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/**
 * Compiles a .NET pattern. `whole` anchors it to the entire value (string-boundary lookarounds,
 * so `a|ab` cannot escape them); `substring` finds it anywhere (.NET `Regex.IsMatch`).
 * @throws {ScopingRegexError}
 */
export function compileScopingRegex(pattern: string, anchoring: 'whole' | 'substring'): RegExp {
  let translated: { source: string; flags: string };
  try {
    translated = translateDotnetRegex(pattern);
  } catch (error) {
    if (!(error instanceof RegexTranslationError)) throw error;
    const code = /supported/.test(error.message) ? 'SCOPING_UNSUPPORTED_REGEX' : 'SCOPING_INVALID_REGEX';
    throw new ScopingRegexError(code, error.message, error.offset);
  }
  const source = anchoring === 'whole' ? `${START}(?:${translated.source})${END}` : translated.source;
  try {
    return new RegExp(source, translated.flags);
  } catch (error) {
    throw new ScopingRegexError('SCOPING_INVALID_REGEX', (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, ''));
  }
}
