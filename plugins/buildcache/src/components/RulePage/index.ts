export { RuleContent } from './RuleContent';
