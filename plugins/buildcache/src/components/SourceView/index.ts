export { SourceContent } from './SourceContent';
