/**
 * Places problems found at run time (the pipeline refusing a target state, say) in the scenario
 * file, the way load-time problems are: the file is read again only when there is something to
 * place, and an issue whose path does not exist there points at its nearest parent.
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../core/errors.js';
import type { LoadedScenario } from './types.js';
import { frame, locate, parseYamlStream } from './yaml-source.js';

/** The issues with a location and code frame in the scenario's document, where they have a path. */
export function placeRunIssues(scenario: LoadedScenario, issues: readonly Issue[]): Issue[] {
  let text: string;
  try {
    text = readFileSync(scenario.absoluteFile, 'utf8');
  } catch {
    return issues.map((i) => ({ ...i, file: i.file ?? scenario.file }));
  }
  const yaml = parseYamlStream(text, scenario.file).documents.find((d) => d.index === scenario.index);
  return issues.map((issue) => {
    if (issue.location || !issue.path || !yaml) return { ...issue, ...(issue.location ? {} : { file: issue.file ?? scenario.file }) };
    return frame(yaml, { ...issue, location: locate(yaml, issue.path) });
  });
}
