/**
 * What the on-demand button refuses before any step runs (provision-on-demand.md, FAQ and Known
 * limitations; entra-semantics.md §9.1).
 */
import type { AppDefinition, AppTemplate } from '../app/types.js';
import type { Subject } from '../source/types.js';

export interface Refusal {
  code: 'OnDemandNotSupported';
  reason: string;
}

/** Templates whose connectors do not provision groups, so cannot provision a group on demand. */
const NO_GROUP_TEMPLATES: ReadonlySet<AppTemplate> = new Set(['workday', 'successFactors']);

/** Returns why the run cannot start, or undefined when it can. */
export function checkPreconditions(app: AppDefinition, subject: Subject): Refusal | undefined {
  const template = app.template ?? 'scim';
  if ((app.auth ?? 'bearer') === 'oauth' && app.jobRunning === true) {
    return refuse('this app authorizes with OAuth, and OAuth-authorized apps need their provisioning job stopped before provisioning on demand: stop the job (jobRunning: false) and try again');
  }
  if ('group' in subject) {
    if (template === 'crossTenant') {
      // The doc's cross-tenant zone says only this; cross-tenant sync itself can provision security
      // groups (cross-tenant-synchronization-configure.md), just not on demand.
      return refuse('on-demand provisioning of groups is not supported for cross-tenant synchronization: provision the members one user at a time');
    }
    if (NO_GROUP_TEMPLATES.has(template)) {
      return refuse(`${template} connectors do not provision groups, so groups cannot be provisioned on demand: provision the members one user at a time`);
    }
    const groups = app.objects.group;
    if (!groups || groups.enabled === false) {
      return refuse('group provisioning is not enabled for this app (no enabled group mapping): enable the group object mapping, or provision the members one user at a time');
    }
    return undefined;
  }
  if (!app.objects.user || app.objects.user.enabled === false) {
    // entra-semantics.md §4.2: disabling the user mapping is not supported.
    return refuse('this app has no enabled user object mapping: add objects.user with its attribute mappings');
  }
  return undefined;
}

function refuse(reason: string): Refusal {
  return { code: 'OnDemandNotSupported', reason };
}
