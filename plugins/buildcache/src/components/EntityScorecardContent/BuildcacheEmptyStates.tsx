import Typography from '@material-ui/core/Typography';
import { EmptyState } from '@backstage/core-components';

/** What the analyzer reads, for people wondering why they see nothing. */
export function WhatBuildcacheLooksFor() {
  return (
    <Typography variant="body2" component="span" display="block">
      buildcache reads the repository's Dockerfiles and the CI and build files
      that build images (GitHub Actions, GitLab CI, CircleCI, Jenkinsfiles,
      docker bake and compose files). It checks that dependency downloads use
      BuildKit cache mounts, that dependencies are installed before the source
      is copied, and that ephemeral CI builders import and export a layer cache
      (cache-from / cache-to).
    </Typography>
  );
}

export function NotApplicableState() {
  return (
    <EmptyState
      missing="info"
      title="No Docker builds found"
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            The last scan found no Dockerfile and no image build in this
            repository, so BuildKit caching does not apply.
          </Typography>
          <WhatBuildcacheLooksFor />
        </>
      }
    />
  );
}

export function NoFindingsState() {
  return (
    <EmptyState
      missing="data"
      title="No findings"
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            Every check passed: this service's image builds make good use of
            BuildKit caching.
          </Typography>
          <WhatBuildcacheLooksFor />
        </>
      }
    />
  );
}

export function NeverScannedState(props: { action?: JSX.Element }) {
  return (
    <EmptyState
      missing="content"
      title="Not scanned yet"
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            This service has not been scanned yet. Scans run on a schedule; you
            can also start one now.
          </Typography>
          <WhatBuildcacheLooksFor />
        </>
      }
      action={props.action}
    />
  );
}
