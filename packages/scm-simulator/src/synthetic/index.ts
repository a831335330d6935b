export { SyntheticOrg } from './org';
export { SIZE_CLASSES, BINARY_SIZES } from './plan';
export type {
  SizeClass,
  SyntheticEntity,
  SyntheticHost,
  SyntheticOrgOptions,
  SyntheticRepository,
} from './plan';
export { Random } from './random';
export type { Ecosystem } from './templates';
