/**
 * `runOnDemand(app, source, target, subject, context)`: the on-demand pipeline alone.
 * Issue #6 builds it; until then it says so plainly instead of pretending to run.
 */
import type { AppDefinition } from '../app/types.js';
import { InternalError } from '../core/errors.js';
import type { TargetState } from '../scim/types.js';
import type { SourceDirectory, Subject } from '../source/types.js';
import type { OnDemandResult, RunContext } from './types.js';

/**
 * Runs one user (or one group with up to five members) through the five on-demand steps against
 * a mocked SCIM target seeded from `target`, and returns the portal steps, the Graph-shaped
 * summary, the HTTP exchanges and the target state after the run. Never throws for anything a
 * scenario can contain: such problems are failure results with an Entra error code.
 */
export async function runOnDemand(
  app: AppDefinition,
  source: SourceDirectory,
  target: TargetState,
  subject: Subject,
  context: RunContext,
): Promise<OnDemandResult> {
  void app;
  void source;
  void target;
  void subject;
  void context;
  throw new InternalError('PIPELINE_NOT_AVAILABLE', 'the on-demand pipeline is not available yet (issue #6)');
}
