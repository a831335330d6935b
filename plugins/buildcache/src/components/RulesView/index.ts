export { RulesList } from './RulesList';
export { RulesDialogButton } from './RulesDialog';
