/**
 * What the portal and Graph call things: step titles, step descriptions, system names and Graph
 * step names. Description forms follow Graph's provisionOnDemand samples where one exists
 * (entra-scim-wire.md §10, entra-semantics.md §9.2); docs/pipeline.md lists which are ours.
 */
import type { AppTemplate } from '../app/types.js';
import type { ActionKind, StepKey } from './types.js';

export type ObjectType = 'user' | 'group';

/** `User` / `Group`, as Graph descriptions capitalise the object type. */
export function typeName(objectType: ObjectType): 'User' | 'Group' {
  return objectType === 'user' ? 'User' : 'Group';
}

/** The portal's card titles (provision-on-demand.md, "Understand the provisioning steps"). */
export function stepTitle(key: StepKey, objectType: ObjectType): string {
  switch (key) {
    case 'testConnection': return 'Test connection';
    case 'import': return `Import ${objectType}`;
    case 'scope': return `Determine if ${objectType} is in scope`;
    case 'match': return `Match ${objectType} between source and target system`;
    case 'action': return 'Perform action';
    case 'reference': return 'Resolve references';
    case 'membership': return 'Update group membership';
  }
}

/** Graph `sourceSystem.name` per template (Graph samples: "Azure Active Directory"). */
export function sourceSystemName(template: AppTemplate): string {
  if (template === 'workday') return 'Workday';
  if (template === 'successFactors') return 'SuccessFactors';
  return 'Azure Active Directory';
}

/**
 * Graph `targetSystem.name`: the job template id for outbound apps (Graph sample: `customappsso`).
 * Cross-tenant sync and the inbound HR templates write into Entra ID, never into the HR system they
 * read from (their codes carry the `AzureActiveDirectory` prefix, src/scim/error-map.ts).
 */
export function targetSystemName(template: AppTemplate): string {
  return targetIsScim(template) ? template : 'Azure Active Directory';
}

/** Whether the template writes to a SCIM app (`scim`, `customappsso`) rather than into Entra ID. */
export function targetIsScim(template: AppTemplate): boolean {
  return template === 'scim' || template === 'customappsso';
}

export interface TextContext {
  objectType: ObjectType;
  /** The object's reportable identifier (UPN for users, display name for groups). */
  id: string;
  source: string;
  target: string;
}

export const describe = {
  // The probe always asks /Users for a "test user" (provision-on-demand.md, Step 1; §2), also in a
  // group run (it said "a test group" there).
  testConnectionFailed: (c: TextContext) =>
    `The provisioning service could not authorize access to ${c.target} with a request for a test user`,
  testConnectionPassed: (c: TextContext) => `Authorized access to ${c.target} with a request for a test user`,
  imported: (c: TextContext) => `Retrieved ${typeName(c.objectType)} '${c.id}' from ${c.source}`,
  importSkipped: (c: TextContext, attributes: string[]) =>
    `${typeName(c.objectType)} '${c.id}' has no value for any matching attribute (${attributes.join(', ')}); it was not imported, so scope, matching and export were not evaluated`,
  importFailed: (c: TextContext) => `${typeName(c.objectType)} '${c.id}' could not be imported from ${c.source}`,
  scoping: (c: TextContext) => `Determine if ${typeName(c.objectType)} in scope by evaluating against each scoping filter`,
  outOfScope: (c: TextContext, reasons: string[]) =>
    `${typeName(c.objectType)} '${c.id}' is not in scope for provisioning: ${reasons.join('; ')}`,
  matchedOne: (c: TextContext) => `Retrieved ${typeName(c.objectType)} '${c.id}' from ${c.target}`,
  matchedNone: (c: TextContext) =>
    `No ${typeName(c.objectType)} matching '${c.id}' was found in ${c.target}; it will be created`,
  matchedNoneOutOfScope: (c: TextContext) =>
    `No ${typeName(c.objectType)} matching '${c.id}' was found in ${c.target}; there is nothing to deprovision`,
  matchedMany: (c: TextContext, count: number, attribute: string) =>
    `${count} ${typeName(c.objectType)}s in ${c.target} match '${c.id}' on ${attribute}; the matching attribute must be unique`,
  matchFailed: (c: TextContext) => `Could not query ${c.target} for a ${typeName(c.objectType)} matching '${c.id}'`,
  exported: (c: TextContext, action: ActionKind) => `${typeName(c.objectType)} '${c.id}' was ${pastTense(action)} in ${c.target}`,
  exportFailed: (c: TextContext, action: ActionKind) =>
    `Failed to ${action === 'create' ? 'create' : action} ${typeName(c.objectType)} '${c.id}' in ${c.target}`,
  redundant: (c: TextContext) =>
    `The state of the ${c.objectType} in both the source and target systems already match. No change to the ${typeName(c.objectType)} '${c.id}' currently needs to be made.`,
  notAllowed: (c: TextContext, action: string) =>
    `${typeName(c.objectType)} '${c.id}' would be ${action}d in ${c.target}, but the ${capitalise(action)} target object action is not enabled for this mapping`,
  nothingToDeprovision: (c: TextContext, why: string) =>
    `${typeName(c.objectType)} '${c.id}' is out of scope and is left untouched in ${c.target}: ${why}`,
  referenceResolved: (c: TextContext, attribute: string) => `Reference ${attribute} of '${c.id}' was written to ${c.target}`,
  referenceSkipped: (c: TextContext, attribute: string, why: string) => `Reference ${attribute} of '${c.id}' was not written: ${why}`,
  referenceFailed: (c: TextContext, attribute: string) => `Failed to write reference ${attribute} of '${c.id}' to ${c.target}`,
  membersAdded: (c: TextContext, added: number, missing: number) =>
    `${added} member(s) added to ${typeName(c.objectType)} '${c.id}' in ${c.target}` +
    (missing > 0 ? `; ${missing} member(s) out of scope or not in ${c.target} were left out` : ''),
  membersFailed: (c: TextContext, added = 0) =>
    `Failed to update the members of ${typeName(c.objectType)} '${c.id}' in ${c.target}` +
    (added > 0 ? `; ${added} member(s) were added by the batches before the failing one` : ''),
};

function pastTense(action: ActionKind): string {
  switch (action) {
    case 'create': return 'created';
    case 'update': return 'updated';
    case 'disable': return 'disabled';
    case 'delete': return 'deleted';
    default: return 'processed';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
