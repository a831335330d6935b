import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import buildcachePlugin from '@buildcache/plugin-buildcache/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The example portal on the new frontend system: buildcache's card, tab,
 * compliance page and nav item all come from its /alpha plugin.
 */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    buildcachePlugin,
    navModule,
    signInModule,
  ],
});
