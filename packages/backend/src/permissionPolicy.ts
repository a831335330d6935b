import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * The development policy: every signed-in user (the guest, locally) may do
 * everything, including rescans and waivers. A real deployment replaces this
 * module with its own policy, e.g. allowing `buildcache.scan.create` only to
 * an entity's owners with the catalog's conditional rules.
 */
export class DevelopmentPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return {
      result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'development-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DevelopmentPermissionPolicy());
      },
    });
  },
});
