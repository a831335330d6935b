import { createHash } from 'node:crypto';
import type { TicketKind } from '@buildcache/plugin-buildcache-common';

/**
 * The stable id of what one ticket can be about: one rule in one file of
 * one service, for one kind of ticket. It is stored with the ticket (and
 * claimed while it is open) and written into the ticket's body, so repeated
 * requests, rescans, retries and replicas find the ticket already filed.
 * A pull request applies a file's whole combined fix, so its rule is `*`.
 */
export function findingFingerprint(subject: {
  kind: TicketKind;
  entityRef: string;
  ruleId: string;
  path: string;
}): string {
  return createHash('sha256')
    .update(
      [
        'buildcache-ticket-v1',
        subject.kind,
        subject.entityRef.toLocaleLowerCase('en-US'),
        subject.ruleId,
        subject.path,
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 32);
}

/** The fingerprint of a whole ticket: of the findings it was filed for. */
export function ticketFingerprint(findingFingerprints: string[]): string {
  return createHash('sha256')
    .update([...findingFingerprints].sort().join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/** The line written into every ticket and PR body, searched for on recovery. */
export function fingerprintMarker(fingerprint: string): string {
  return `buildcache-fingerprint: ${fingerprint}`;
}
