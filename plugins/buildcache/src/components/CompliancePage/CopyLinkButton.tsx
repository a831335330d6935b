import Button from '@material-ui/core/Button';
import LinkIcon from '@material-ui/icons/Link';
import { useHref, useLocation } from 'react-router-dom';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';

/** Copies the address of the current view (filters, grouping, order, page). */
export function CopyLinkButton() {
  const alertApi = useApi(alertApiRef);
  const location = useLocation();
  // the router's location (with the app's base path), not window.location:
  // the view's state is in the router's URL
  const href = useHref({
    pathname: location.pathname,
    search: location.search,
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(
        new URL(href, window.location.origin).toString(),
      );
      alertApi.post({
        message: 'Link to this view copied',
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({
        message: `Could not copy the link: ${
          e instanceof Error ? e.message : String(e)
        }`,
        severity: 'error',
      });
    }
  };
  return (
    <Button variant="outlined" onClick={copy} startIcon={<LinkIcon />}>
      Copy link
    </Button>
  );
}
