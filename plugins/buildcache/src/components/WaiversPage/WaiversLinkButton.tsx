import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { waiversRouteRef } from '../../routes';

/**
 * A link to the waivers page (every waiver, those about to expire), for the
 * compliance page header. Only under the plugin's mounted root route.
 */
export function WaiversLinkButton(props: { label?: string }) {
  const link = useRouteRef(waiversRouteRef);
  return (
    <LinkButton to={link()} variant="outlined" color="primary" role="link">
      {props.label ?? 'Waivers'}
    </LinkButton>
  );
}
