#!/usr/bin/env node
/*
 * The backend of the page bench (compliancePage.bench.js), in its own
 * process: the plugins packages/backend runs (auth with the guest provider,
 * permission with the development policy, the catalog, buildcache) on the
 * database the bench has seeded, listening on 127.0.0.1 only, and serving
 * the production build of packages/app from the same origin (as the app
 * backend plugin does in production). The buildcache schedules are pushed
 * hours away: no scan runs while the page is measured.
 *
 * Usage: node pageBackend.js settings.json
 *   settings: { port, appDir, database } with database the value of
 *   backend.database (better-sqlite3 with a directory, or pg with a prefix)
 * Prints "ready" on stdout once it answers.
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');
const { createBackend } = require('@backstage/backend-defaults');
const {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const { ConfigReader } = require('@backstage/config');

const root = path.resolve(__dirname, '../..');
const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const baseUrl = `http://127.0.0.1:${settings.port}`;
const later = {
  frequency: { hours: 24 },
  timeout: { minutes: 15 },
  initialDelay: { hours: 12 },
};

const config = new ConfigReader(
  {
    app: { title: 'buildcache portal', baseUrl },
    organization: { name: 'Bench Org' },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port: settings.port },
      database: settings.database,
    },
    auth: {
      // the bench process does not run with NODE_ENV=development
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: { locations: [] },
    permission: { enabled: true },
    buildcache: { schedule: later, newServicesSchedule: later },
  },
  'page-bench',
);

/**
 * Serves the built app as @backstage/plugin-app-backend does: hashed assets
 * cached for long, index.html (for every route of the app) never.
 */
const staticAppPlugin = createBackendPlugin({
  pluginId: 'app',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.use(
          '/static',
          express.static(path.join(settings.appDir, 'static'), {
            immutable: true,
            maxAge: '14d',
            fallthrough: false,
          }),
        );
        router.use(express.static(settings.appDir, { index: false }));
        router.get('*', (_req, res) => {
          res.setHeader('cache-control', 'no-store, max-age=0');
          res.sendFile(path.join(settings.appDir, 'index.html'));
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ allow: 'unauthenticated', path: '/' });
      },
    });
  },
});

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () => config,
  }),
);
backend.add(staticAppPlugin);
for (const feature of [
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-permission-backend',
  path.join(root, 'packages/backend/src/permissionPolicy'),
  path.join(root, 'plugins/buildcache-backend/src'),
])
  backend.add(require(feature).default);

backend.start().then(
  () => console.log('ready'),
  error => {
    console.error(error);
    process.exit(2);
  },
);
