export { ComplianceContent } from './CompliancePage';
