import { LinkButton } from '@backstage/core-components';
import { useWaiversLink } from '../common/pageLinks';

/**
 * A link to the waivers page (every waiver, those about to expire), for the
 * compliance page header; nothing where the app has not mounted the
 * buildcache pages.
 */
export function WaiversLinkButton(props: { label?: string }) {
  const link = useWaiversLink();
  if (!link) {
    return null;
  }
  return (
    <LinkButton to={link} variant="outlined" color="primary" role="link">
      {props.label ?? 'Waivers'}
    </LinkButton>
  );
}
