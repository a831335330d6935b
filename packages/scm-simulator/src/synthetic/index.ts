export { SyntheticOrg, SIZE_CLASSES, BINARY_SIZES } from './org';
export type {
  SizeClass,
  SyntheticEntity,
  SyntheticHost,
  SyntheticOrgOptions,
  SyntheticRepository,
} from './org';
export { Random } from './random';
export type { Ecosystem } from './templates';
