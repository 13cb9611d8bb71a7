/**
 * Step 1, "Test connection" (entra-scim-wire.md §2, provision-on-demand.md): a query for a "test
 * user" that cannot exist, on the user mapping's first matching attribute. The portal shows the
 * step only when it fails; a failure ends the run.
 */
import { scimError } from '../entra-errors.js';
import type { ObjectRecorder } from '../recorder.js';
import { enterStep, type RunState } from '../run-state.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation } from '../types.js';

export async function testConnectionStep(run: RunState, recorder: ObjectRecorder, text: TextContext): Promise<{ ok: true } | { ok: false; error: ErrorInformation }> {
  // §2: the probe filters on the matching attribute configured in the user mapping.
  const attribute = run.objects.user?.compiled.matching[0]?.target.text;
  enterStep(run, 'testConnection');
  const answer = await run.client.testConnection(attribute ? { attribute } : {});
  const base = { graphName: 'EntryTestConnection', graphType: 'processing' as const };
  if (answer.ok) {
    const request = answer.probes[0] ? `GET ${readable(answer.probes[0])}` : undefined;
    recorder.record('testConnection', {
      ...base,
      status: 'success',
      shownInPortal: false,
      description: describe.testConnectionPassed(text),
      details: { ...(request ? { request } : {}), status: answer.status },
      graphDetails: request ? { Request: request } : {},
    });
    return { ok: true };
  }
  const { failure } = answer;
  const error = scimError(failure);
  const request = `${failure.method} ${readable(failure.url.startsWith(run.client.baseUrl) ? failure.url.slice(run.client.baseUrl.length) : failure.url)}`;
  recorder.record('testConnection', {
    ...base,
    status: 'failure',
    description: describe.testConnectionFailed(text),
    details: { request, ...(failure.status !== undefined ? { status: failure.status } : {}) },
    error,
    graphDetails: { Request: request },
  });
  return { ok: false, error };
}

/** A request path as the exchange journal shows it: query string decoded. */
function readable(path: string): string {
  try {
    return decodeURIComponent(path.replace(/\+/g, ' '));
  } catch {
    return path;
  }
}
