import type { Rule } from '../engine/ruleTypes';
import { aptWithoutCacheMountRule } from './BC1001-apt-without-cache-mount/rule';
import { aptCacheMountNotLockedRule } from './BC1002-apt-cache-mount-not-locked/rule';
import { aptCacheCleanedAwayRule } from './BC1003-apt-cache-cleaned-away/rule';
import { cacheMountOnInstallTargetRule } from './BC1004-cache-mount-on-install-target/rule';
import { packageInstallWithoutCacheMountRule } from './BC1005-package-install-without-cache-mount/rule';
import { cacheDisabledWithMountRule } from './BC1006-cache-disabled-with-mount/rule';
import { dependenciesAfterSourceCopyRule } from './BC1007-dependencies-after-source-copy/rule';
import { cacheMountUnwritableForUserRule } from './BC1008-cache-mount-unwritable-for-user/rule';
import { cacheIdConflictRule } from './BC1009-cache-id-conflict/rule';
import { missingSyntaxDirectiveRule } from './BC1010-missing-syntax-directive/rule';
import { invalidMountSpecRule } from './BC1011-invalid-mount-spec/rule';
import { cacheMountNotCarriedForwardRule } from './BC1012-cache-mount-not-carried-forward/rule';
import { wholeContextCopyWithoutDockerignoreRule } from './BC1013-whole-context-copy-without-dockerignore/rule';
import { volatileArgBeforeInstallRule } from './BC1014-volatile-arg-before-install/rule';
import { distroPackageCacheNotRetainedRule } from './BC1015-distro-package-cache-not-retained/rule';
import { buildWithoutExportedCacheRule } from './BC2001-build-without-exported-cache/rule';
import { cacheExportOneSidedRule } from './BC2002-cache-export-one-sided/rule';
import { multistageCacheModeMinRule } from './BC2003-multistage-cache-mode-min/rule';
import { inlineCacheMultistageRule } from './BC2004-inline-cache-multistage/rule';
import { ghaCacheScopeCollisionRule } from './BC2005-gha-cache-scope-collision/rule';
import { localCacheUnboundedRule } from './BC2006-local-cache-unbounded/rule';
import { registryCacheManifestUnsupportedRule } from './BC2007-registry-cache-manifest-unsupported/rule';
import { cacheExportNeedsContainerBuilderRule } from './BC2008-cache-export-needs-container-builder/rule';
import { buildkitDisabledRule } from './BC2009-buildkit-disabled/rule';
import { cacheRefEqualsImageRefRule } from './BC2010-cache-ref-equals-image-ref/rule';
import { forkPrCacheWriteRule } from './BC2011-fork-pr-cache-write/rule';
import { cacheMountsLostOnEphemeralBuilderRule } from './BC2012-cache-mounts-lost-on-ephemeral-builder/rule';
import { ghaCacheLegacyToolchainRule } from './BC2013-gha-cache-legacy-toolchain/rule';
import { unparseableFileRule } from './BC9001-unparseable-file/rule';
import { skippedFileRule } from './BC9002-skipped-file/rule';
import { pragmaWithoutReasonRule } from './BC9003-pragma-without-reason/rule';

/** The analysis-problem rules (BC9xxx): always run, unless disabled by ruleConfig. @public */
export const coreRules: readonly Rule[] = [
  unparseableFileRule,
  skippedFileRule,
  pragmaWithoutReasonRule,
];

/** Every built-in rule, in id order. @public */
export const defaultRules: Rule[] = [
  aptWithoutCacheMountRule,
  aptCacheMountNotLockedRule,
  aptCacheCleanedAwayRule,
  cacheMountOnInstallTargetRule,
  packageInstallWithoutCacheMountRule,
  cacheDisabledWithMountRule,
  dependenciesAfterSourceCopyRule,
  cacheMountUnwritableForUserRule,
  cacheIdConflictRule,
  missingSyntaxDirectiveRule,
  invalidMountSpecRule,
  cacheMountNotCarriedForwardRule,
  wholeContextCopyWithoutDockerignoreRule,
  volatileArgBeforeInstallRule,
  distroPackageCacheNotRetainedRule,
  buildWithoutExportedCacheRule,
  cacheExportOneSidedRule,
  multistageCacheModeMinRule,
  inlineCacheMultistageRule,
  ghaCacheScopeCollisionRule,
  localCacheUnboundedRule,
  registryCacheManifestUnsupportedRule,
  cacheExportNeedsContainerBuilderRule,
  buildkitDisabledRule,
  cacheRefEqualsImageRefRule,
  forkPrCacheWriteRule,
  cacheMountsLostOnEphemeralBuilderRule,
  ghaCacheLegacyToolchainRule,
  ...coreRules,
];
