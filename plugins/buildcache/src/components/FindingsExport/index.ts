export {
  FindingsCsvButton,
  type FindingsCsvButtonProps,
} from './FindingsCsvButton';
