/**
 * Records one object's steps as they happen: the portal card (title, status, description, view
 * details) and the Graph provisioningStep it becomes, stamped with the injected clock.
 */
import { isoString, type Clock } from '../core/determinism.js';
import { stepTitle, type ObjectType } from './texts.js';
import type { ErrorInformation, OnDemandStep, ProvisioningStep, StepDetailsMap, StepKey, StepStatus } from './types.js';

/** A recorded step: the portal card plus its Graph form. */
export interface RecordedStep {
  step: OnDemandStep;
  graph: ProvisioningStep;
  /** Milliseconds since the epoch when the step ended. */
  at: number;
}

/** What one `record` call says about a step. */
export interface StepRecord<K extends StepKey> {
  status: StepStatus;
  description: string;
  details: StepDetailsMap[K];
  error?: ErrorInformation;
  /** Hidden in the portal (a successful test connection). @default true for every other step */
  shownInPortal?: boolean;
  /** Graph step name, e.g. `EntryExportAdd`. */
  graphName: string;
  graphType: ProvisioningStep['provisioningStepType'];
  /** Graph step details (a string map). */
  graphDetails: Record<string, string>;
}

export class ObjectRecorder {
  readonly recorded: RecordedStep[] = [];
  readonly startedAt: number;

  constructor(
    readonly objectType: ObjectType,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  record<K extends StepKey>(key: K, record: StepRecord<K>): OnDemandStep {
    const at = this.clock.now();
    const step = {
      key,
      title: stepTitle(key, this.objectType),
      status: record.status,
      shownInPortal: record.shownInPortal ?? true,
      description: record.description,
      details: record.details,
      ...(record.error ? { error: record.error } : {}),
      timestamp: isoString(at),
    } as OnDemandStep;
    const graph: ProvisioningStep = {
      name: record.graphName,
      provisioningStepType: record.graphType,
      status: record.status,
      description: record.description,
      details: record.graphDetails,
    };
    this.recorded.push({ step, graph, at });
    return step;
  }

  /** The step recorded under `key`, if any. */
  find<K extends StepKey>(key: K): Extract<OnDemandStep, { key: K }> | undefined {
    return this.recorded.find((r) => r.step.key === key)?.step as Extract<OnDemandStep, { key: K }> | undefined;
  }
}
