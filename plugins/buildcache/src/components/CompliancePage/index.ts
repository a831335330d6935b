export { CompliancePage, ComplianceContent } from './CompliancePage';
export type { CompliancePageProps } from './CompliancePage';
