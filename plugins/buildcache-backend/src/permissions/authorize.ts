import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Any request the HTTP auth service understands (typed or plain express). */
type Request = Parameters<HttpAuthService['credentials']>[0];

/** The one place where routes check permissions. */
export interface Authorizer {
  /** Throws NotAllowedError unless the caller holds the permission. */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  authorize(
    req: Request,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<BackstageCredentials>;
  /** Of `resourceRefs`, those the caller holds the permission on (one batch). */
  allowedAmong(
    req: Request,
    permission: ResourcePermission,
    resourceRefs: string[],
  ): Promise<Set<string>>;
}

export function createAuthorizer(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Authorizer {
  return {
    async authorize(
      req: Request,
      permission: BasicPermission | ResourcePermission,
      resourceRef?: string,
    ) {
      const credentials = await options.httpAuth.credentials(req);
      const [decision] =
        permission.type === 'resource'
          ? await options.permissions.authorize(
              [{ permission, resourceRef: resourceRef! }],
              { credentials },
            )
          : await options.permissions.authorize([{ permission }], {
              credentials,
            });
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed: ${permission.name}${
            resourceRef ? ` on ${resourceRef}` : ''
          }`,
        );
      }
      return credentials;
    },
    async allowedAmong(req, permission, resourceRefs) {
      if (!resourceRefs.length) return new Set();
      const credentials = await options.httpAuth.credentials(req);
      const decisions = await options.permissions.authorize(
        resourceRefs.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      );
      return new Set(
        resourceRefs.filter(
          (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
        ),
      );
    },
  };
}

/** Who made a request, for audit fields: a user entity ref or the principal type. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type ?? 'unknown';
}
