import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { Content, Header, Link, Page } from '@backstage/core-components';

/** Title and subtitle of the plugin's page header. @public */
export interface CompliancePageProps {
  title?: string;
  subtitle?: string;
}

/** The plugin's page chrome (legacy frontend system): header and content. */
export function BuildcachePage(
  props: CompliancePageProps & { children: ReactNode },
) {
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

/** "← <label>" above a sub-page, back to where it was reached from. */
export function BackLink(props: { to: string; label: string }) {
  return (
    <Box mb={2}>
      <Link to={props.to}>
        <Box display="inline-flex" alignItems="center" style={{ gap: 4 }}>
          <ArrowBackIcon fontSize="small" /> {props.label}
        </Box>
      </Link>
    </Box>
  );
}
