/**
 * Entra error information as the provisioning logs carry it (entra-scim-wire.md §11–§12): codes
 * are data, prefixed with the target system for target-side problems; each comes with a
 * recommended action written from the meaning the error-code table gives it.
 */
import { EXPRESSION_FAILURE_CODE } from '../mapping/index.js';
import { withoutPrefix } from '../scim/error-map.js';
import type { ScimFailure } from '../scim/types.js';
import type { ErrorInformation } from './types.js';

/** Recommended actions by base code (meanings from the provisioning-log error table, §12). */
const RECOMMENDED: Record<string, string> = {
  Conflict: 'Correct the conflicting value in the source or the target, or change the matching attributes so the existing account is matched instead of created.',
  EntryConflict: 'Correct the conflicting value in the source or the target, or change the matching attributes so the existing account is matched instead of created.',
  TooManyRequests: 'The target throttled the request; the change is retried automatically. Ask the target vendor about its rate limits.',
  InternalServerError: 'The target failed unexpectedly; the change is retried. Check the target application for errors.',
  InsufficientRights: 'Give the credentials used for provisioning permission to make this change in the target.',
  MethodNotAllowed: 'Give the credentials used for provisioning permission to make this change in the target, and check that the endpoint supports the method.',
  NotPermitted: 'Give the credentials used for provisioning permission to make this change in the target.',
  Unauthorized: 'Give the credentials used for provisioning permission to make this change in the target.',
  UnprocessableEntity: 'The target answered unexpectedly; check its configuration and health.',
  WebExceptionProtocolError: 'An HTTP protocol error occurred talking to the target; the change is retried.',
  InvalidAnchor: 'The object created or matched earlier no longer exists in the target. Restart provisioning so the object is matched again.',
  NotImplemented: 'The target does not implement this operation; check that its SCIM endpoint supports it.',
  MandatoryFieldsMissing: 'Give the source object values for the attributes the target requires, or map them (a default value applies on create).',
  MissingValues: 'Give the source object values for the attributes the target requires, or map them (a default value applies on create).',
  SchemaAttributeNotFound: 'Remove the mapping, or add the attribute to the target application\'s schema.',
  InternalError: 'The provisioning service failed internally; the change is retried.',
  InvalidDomain: 'Use an attribute value whose domain the target accepts.',
  Timeout: 'The target took too long to answer; the change is retried. Check the target\'s performance.',
  LicenseLimitExceeded: 'Make licences available in the target application for new users.',
  DuplicateTargetEntries: 'Make the matching attribute unique in the target, or choose a matching attribute whose values are unique.',
  DuplicateSourceEntries: 'Make the matching attribute unique in the source, or choose a matching attribute whose values are unique.',
  ImportSkipped: 'Give the source object a value for a matching attribute, or change the matching attribute in the attribute mappings.',
  MultipleEntriesInResponse: 'The target returned several resources where one was expected: make it honour excludedAttributes=members and answer a read by id with one resource.',
  ServiceIncompatible: 'The target\'s answer could not be parsed: make it answer with SCIM JSON (a ListResponse for queries).',
  ServiceIncompatibleFiltering: 'The target says the object exists although the matching query found none: make it filter on the matching attribute consistently.',
  SchemaPropertyCanOnlyAcceptValue: 'Feed this single-valued target attribute from a single value (for example with Item or Join).',
  CredentialValidationFailure: 'Check the tenant URL and secret token, and that the endpoint answers a filtered query with 200 and an empty ListResponse.',
  BadRequest: 'The target rejected the request: compare the request with what the target accepts.',
  NotFound: 'The target answered 404 where a resource or an empty ListResponse was expected: check the tenant URL.',
  [EXPRESSION_FAILURE_CODE]: 'Fix the attribute mapping expression, or the source values it reads.',
  InvalidScopingFilter: 'Fix the scoping filter: for example, use Greater_Than only with integer values.',
  InvalidConfiguration: 'Fix the app, source or target definition as the reason says; `provision validate` lists every problem.',
  ActionNotAllowed: 'Tick the target object action in the mapping (actions: [create, update, delete]) if the object should be changed.',
  OnDemandNotSupported: 'Run the object through a provisioning cycle instead, or change the app configuration as the reason says.',
  SubjectNotFound: 'Search by a value the object has: first or last name, display name, user principal name, mail or object id.',
  AmbiguousSubject: 'Search by user principal name or object id so exactly one object matches.',
  TooManyGroupMembers: 'Select at most five direct members of the group.',
  NotADirectMember: 'Select users who are direct members of the group.',
  NestedGroupMember: 'Select users who are direct members of the group; nested groups are not followed.',
  DuplicateMember: 'Select each member once.',
  WorkerSubjectRequired: 'Provision a worker by WorkerID/WID (Workday) or personIdExternal (SuccessFactors).',
  WorkerSubjectNotSupported: 'Search for a user or a group; worker keys are for Workday and SuccessFactors apps.',
  OperationAborted: 'The run was stopped before it finished (time limit); raise the scenario timeout or look for a slow target.',
};

/** The recommended action for a code, with or without its prefix. */
export function recommendedActionFor(code: string): string | undefined {
  return RECOMMENDED[withoutPrefix(code)];
}

/** Builds error information, filling in the recommended action when the code has one. */
export function entraError(
  errorCode: string,
  reason: string,
  options: { category?: ErrorInformation['errorCategory']; additionalDetails?: string; recommendedAction?: string } = {},
): ErrorInformation {
  const info: ErrorInformation = { errorCode, reason, errorCategory: options.category ?? 'nonServiceFailure' };
  if (options.additionalDetails !== undefined) info.additionalDetails = options.additionalDetails;
  const action = options.recommendedAction ?? recommendedActionFor(errorCode);
  if (action !== undefined) info.recommendedAction = action;
  return info;
}

/** A SCIM client failure as Graph error information. */
export function scimError(failure: ScimFailure): ErrorInformation {
  return entraError(failure.errorCode, failure.reason, { category: failure.errorCategory, additionalDetails: failure.code });
}
