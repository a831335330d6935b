import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { ruleRouteRef, sourceRouteRef, waiversRouteRef } from '../../routes';
import { ComplianceContent, type CompliancePageProps } from '../CompliancePage';
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

function Layout(props: CompliancePageProps & { children: ReactNode }) {
  const {
    title = 'BuildKit cache',
    subtitle = 'How well each service uses Docker BuildKit caching',
  } = props;
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>{props.children}</Content>
    </Page>
  );
}

/**
 * The compliance page and the pages under it (rules, waivers, source files),
 * with the page header, for apps on the legacy frontend system.
 */
export function BuildcacheRouter(props: CompliancePageProps) {
  return (
    <Layout {...props}>
      <BuildcacheRoutes />
    </Layout>
  );
}
