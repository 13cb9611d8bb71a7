/**
 * A pipeline for pool tests: the subject `spin` blocks its worker thread for good (a synchronous
 * loop no timer can interrupt); everything else is the fixture pipeline.
 */
import type { AppDefinition } from '../../src/app/types.js';
import type { OnDemandResult, RunContext } from '../../src/engine/types.js';
import type { TargetState } from '../../src/scim/types.js';
import type { SourceDirectory, Subject } from '../../src/source/types.js';
import { runOnDemand as fixture } from './fixture-pipeline.js';

export async function runOnDemand(app: AppDefinition, source: SourceDirectory, target: TargetState, subject: Subject, context: RunContext): Promise<OnDemandResult> {
  if ('user' in subject && subject.user === 'spin') for (;;);
  return fixture(app, source, target, subject, context);
}
