/**
 * The reporter registry: name → factory. `--reporter` (repeatable) and the config's `reporters`
 * pick from it; several run in one pass.
 */
import type { ReporterName } from '../config/types.js';
import { UsageError } from '../core/errors.js';
import { createConsoleReporter } from './console.js';
import { createHtmlReporter } from './html.js';
import { createJsonReporter } from './json.js';
import { createJunitReporter } from './junit.js';
import { createMarkdownReporter } from './markdown.js';
import type { Reporter, ReporterFactory, ReporterOptions } from './types.js';

export const reporterFactories: Readonly<Record<ReporterName, ReporterFactory>> = {
  default: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  markdown: createMarkdownReporter,
  html: createHtmlReporter,
};

/** Whether a string names a built-in reporter. */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporterFactories, name);
}

/** Creates the named reporters (each once, in the order given). */
export function createReporters(names: readonly string[], options: ReporterOptions): Reporter[] {
  const unique = [...new Set(names)];
  for (const name of unique) {
    if (!isReporterName(name)) {
      throw new UsageError('CLI_UNKNOWN_REPORTER', `unknown reporter "${name}"`, {
        hint: `use one of ${Object.keys(reporterFactories).join(', ')}`,
      });
    }
  }
  return unique.map((name) => reporterFactories[name as ReporterName](options));
}
