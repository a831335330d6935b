import { Route, Routes } from 'react-router-dom';
import { ruleRouteRef, sourceRouteRef, waiversRouteRef } from '../../routes';
import { ComplianceContent } from '../CompliancePage';
import {
  BuildcachePage,
  type CompliancePageProps,
} from '../common/BuildcachePage';
import { RuleContent } from '../RulePage';
import { SourceContent } from '../SourceView';
import { WaiversContent } from '../WaiversPage';

/** The pages under the plugin's root route (/buildcache). */
export function BuildcacheRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ComplianceContent />} />
      <Route path={ruleRouteRef.path} element={<RuleContent />} />
      <Route path={sourceRouteRef.path} element={<SourceContent />} />
      <Route path={waiversRouteRef.path} element={<WaiversContent />} />
    </Routes>
  );
}

/**
 * The compliance page and the pages under it (rules, waivers, source files),
 * with the page header, for apps on the legacy frontend system.
 */
export function BuildcacheRouter(props: CompliancePageProps) {
  return (
    <BuildcachePage {...props}>
      <BuildcacheRoutes />
    </BuildcachePage>
  );
}
