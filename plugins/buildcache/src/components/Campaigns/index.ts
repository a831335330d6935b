export { CampaignButton } from './CampaignButton';
