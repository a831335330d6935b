import type { Rule } from '../engine/ruleTypes';
import { aptWithoutCacheMountRule } from './BC1001-apt-without-cache-mount/rule';
import { aptCacheMountNotLockedRule } from './BC1002-apt-cache-mount-not-locked/rule';
import { packageInstallWithoutCacheMountRule } from './BC1005-package-install-without-cache-mount/rule';
import { cacheDisabledWithMountRule } from './BC1006-cache-disabled-with-mount/rule';
import { missingSyntaxDirectiveRule } from './BC1010-missing-syntax-directive/rule';
import { buildWithoutExportedCacheRule } from './BC2001-build-without-exported-cache/rule';
import { multistageCacheModeMinRule } from './BC2003-multistage-cache-mode-min/rule';
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
  packageInstallWithoutCacheMountRule,
  cacheDisabledWithMountRule,
  missingSyntaxDirectiveRule,
  buildWithoutExportedCacheRule,
  multistageCacheModeMinRule,
  ...coreRules,
];
