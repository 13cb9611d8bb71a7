/**
 * The mocked target's endpoints (RFC 7644 §3): `/Users` and `/Groups`, as collections (GET with
 * filter, attributes, excludedAttributes and paging; POST) and items (GET, PUT, PATCH, DELETE),
 * shaped by the target's behaviour settings (entra-scim-wire.md §13).
 */
import { endpointOf, splitAttributePath, type ScimResourceType } from '../schema.js';
import type { TargetBehaviour } from '../types.js';
import { filterAttributes, matchesFilter, parseFilter } from './filter.js';
import { attributeList, project } from './projection.js';
import { errorReply, listReply, ScimProtocolError, type MockReply } from './protocol.js';
import type { TargetStore } from './store.js';
import type { JsonObject } from './paths.js';

/** A request as the router sees it. */
export interface RoutedRequest {
  method: string;
  /** Path relative to the tenant URL, without the query string. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Which resource type and id a path names, or undefined for any other path. */
export function resolveEndpoint(path: string): { type: ScimResourceType; id?: string } | undefined {
  const match = /^\/(Users|Groups)(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match) return undefined;
  const type: ScimResourceType = match[1]?.toLowerCase() === 'users' ? 'User' : 'Group';
  return match[2] === undefined ? { type } : { type, id: decodeURIComponent(match[2]) };
}

/** Answers one request; SCIM errors become error replies. */
export function route(request: RoutedRequest, store: TargetStore, behaviour: TargetBehaviour): MockReply {
  try {
    return dispatch(request, store, behaviour);
  } catch (error) {
    if (error instanceof ScimProtocolError) return errorReply(error.status, error.message, error.scimType);
    throw error;
  }
}

function dispatch(request: RoutedRequest, store: TargetStore, behaviour: TargetBehaviour): MockReply {
  const endpoint = resolveEndpoint(request.path);
  if (!endpoint || (endpoint.type === 'Group' && behaviour.groups === false)) {
    return errorReply(404, `The endpoint ${request.path} does not exist`);
  }
  const { type, id } = endpoint;
  const attributes = attributeList(request.query.get('attributes'));
  const excluded = attributeList(request.query.get('excludedAttributes'));
  const shape = (resource: JsonObject): JsonObject => project(resource, attributes, excluded);
  // §13.7: a target that hides inactive users breaks matching and anchors.
  const visible = (resource: JsonObject | undefined): resource is JsonObject =>
    resource !== undefined && !(type === 'User' && behaviour.hideInactiveUsers && resource.active === false);

  if (id === undefined) {
    if (request.method === 'GET') return list(type, request.query, store.all(type).filter(visible), behaviour, shape);
    if (request.method === 'POST') {
      const created = store.create(type, request.body);
      return { status: 201, body: shape(created), headers: { Location: String((created.meta as JsonObject).location) } };
    }
    return errorReply(405, `${request.method} is not allowed on ${endpointOf(type)}`);
  }
  switch (request.method) {
    case 'GET': {
      const found = store.get(type, id);
      return visible(found) ? { status: 200, body: shape(found) } : errorReply(404, `Resource ${id} not found`);
    }
    case 'PUT':
      return { status: 200, body: shape(store.replace(type, id, request.body)) };
    case 'PATCH': {
      const patched = store.patch(type, id, request.body);
      // §5: users answer 200 with the resource, groups 204 (the docs warn against member lists).
      const status = behaviour.patchStatus ?? (type === 'User' ? 200 : 204);
      if (status === 204) return { status: 204 };
      return { status: 200, body: type === 'Group' ? project(patched, [], ['members']) : patched };
    }
    case 'DELETE':
      store.remove(type, id);
      return { status: 204 };
    default:
      return errorReply(405, `${request.method} is not allowed on ${endpointOf(type)}/${id}`);
  }
}

function list(
  type: ScimResourceType,
  query: URLSearchParams,
  all: readonly JsonObject[],
  behaviour: TargetBehaviour,
  shape: (resource: JsonObject) => JsonObject,
): MockReply {
  const filterText = query.get('filter');
  let resources = all;
  if (filterText !== null && filterText.trim() !== '') {
    const filter = parseFilter(filterText);
    checkFilterable(filterAttributes(filter), behaviour);
    resources = resources.filter((resource) => matchesFilter(resource, filter, type));
    // §13.5: some targets answer an empty query with 404 instead of an empty ListResponse.
    if (resources.length === 0 && behaviour.notFoundOnEmptyQuery) return errorReply(404, 'No resources match the filter');
  }
  const startIndex = Math.max(1, parseInteger(query.get('startIndex')) ?? 1);
  const count = parseInteger(query.get('count'));
  const end = count === undefined ? undefined : startIndex - 1 + Math.max(0, count);
  const page = resources.slice(startIndex - 1, end).map(shape);
  return listReply(page, resources.length, startIndex);
}

function parseInteger(text: string | null): number | undefined {
  if (text === null || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

/**
 * §13: a target that can only filter on some attributes answers any other with 400 invalidFilter.
 * Entries name attributes; their sub-attributes (`emails.type` in a value filter) come with them.
 */
function checkFilterable(paths: readonly string[], behaviour: TargetBehaviour): void {
  if (!behaviour.filterable) return;
  const allowed = new Set(behaviour.filterable.map(topAttribute));
  for (const path of paths) {
    if (!allowed.has(topAttribute(path))) {
      throw new ScimProtocolError(400, `Filtering on "${path}" is not supported by this target`, 'invalidFilter');
    }
  }
}

/** `emails[type eq "work"].value` → `emails`; `urn:…:User:manager.value` → `urn:…:user:manager`. */
function topAttribute(path: string): string {
  const { urn, names } = splitAttributePath(path.replace(/\[[^\]]*\]/g, ''));
  return `${urn ? `${urn}:` : ''}${names[0] ?? ''}`.toLowerCase();
}
