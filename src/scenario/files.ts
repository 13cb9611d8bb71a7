/**
 * Which files a run reads: files, folders (recursively, `*.yaml` / `*.yml`) and globs, in a stable
 * order; and reading one file under the size limit.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '../core/errors.js';

/** App files (`*.app.yaml`) live beside scenarios but are not scenarios. */
const appFilePattern = /\.app\.ya?ml$/i;

/** Display form of a path: relative to `cwd` when inside it, `/`-separated. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
  return shown.split(path.sep).join('/');
}

/**
 * Expands inputs into absolute file paths. A folder contributes its `*.yaml`/`*.yml` files
 * (recursively, skipping `node_modules`, dot-folders and `*.app.yaml`), sorted; a glob its
 * matches, sorted; a file itself. App files are skipped wherever they come from. Each file appears once, at its first position. A path that does
 * not exist (and is not a glob) is `SCENARIO_FILE_NOT_FOUND`.
 */
export async function resolveScenarioFiles(inputs: readonly string[], cwd: string): Promise<{ files: string[]; issues: Issue[] }> {
  const { glob, isDynamicPattern } = await import('tinyglobby');
  const files: string[] = [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await glob(['**/*.yaml', '**/*.yml'], {
        cwd: absolute,
        absolute: true,
        ignore: ['**/node_modules/**', '**/*.app.yaml', '**/*.app.yml'],
      });
      for (const file of sortPaths(found)) add(path.normalize(file));
    } else if (info) {
      // Also when named: a shell-expanded `scenarios/*/*.yaml` lists the app files too.
      if (!appFilePattern.test(absolute)) add(absolute);
    } else if (isDynamicPattern(input)) {
      const found = await glob(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      for (const file of sortPaths(found).filter((f) => !appFilePattern.test(f))) add(path.normalize(file));
    } else {
      issues.push({
        code: 'SCENARIO_FILE_NOT_FOUND',
        message: `no such file or folder: ${input}`,
        hint: 'check the path (relative to the working directory), or quote a glob so the shell does not expand it',
        file: input,
      });
    }
  }
  return { files, issues };
}

function sortPaths(paths: string[]): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads a text file no larger than `maxBytes`; problems are coded issues naming the file. */
export async function readTextFile(absolute: string, display: string, maxBytes: number): Promise<{ text: string } | { issue: Issue }> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info || !info.isFile()) {
    return { issue: { code: 'SCENARIO_FILE_NOT_FOUND', message: `no such file: ${display}`, hint: 'check the path', file: display } };
  }
  if (info.size > maxBytes) {
    return {
      issue: {
        code: 'SCENARIO_FILE_TOO_LARGE',
        message: `${display} is ${info.size} bytes, over the limit of ${maxBytes} (limits.maxFileBytes)`,
        hint: 'split the file, or raise limits.maxFileBytes in the config',
        file: display,
      },
    };
  }
  try {
    const text = await readFile(absolute, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return {
      issue: {
        code: 'SCENARIO_FILE_UNREADABLE',
        message: `cannot read ${display}: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'check the file permissions',
        file: display,
      },
    };
  }
}
