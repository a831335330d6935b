import { createBackend } from '@backstage/backend-defaults';
import { localDirectoryUrlReaderFactory } from '@buildcache/plugin-buildcache-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider for local development
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: the policy lives in ./permissionPolicy; swap it for your own
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// buildcache, and a URL reader for local checkouts (the bundled examples)
backend.add(import('@buildcache/plugin-buildcache-backend'));
backend.add(localDirectoryUrlReaderFactory);

backend.start();
