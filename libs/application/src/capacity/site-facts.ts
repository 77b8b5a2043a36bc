import { employerDecider, employerStreamId, siteFactsOf, type SiteFacts } from '@banenpool/domain';
import type { StreamStates } from '../shared/stream-states.js';

/** What a capacity request needs to know of its site, from the employer stream. */
export async function siteFacts(streams: StreamStates, employerId: string, siteId: string): Promise<SiteFacts> {
  const { state } = await streams.load(employerDecider, employerStreamId(employerId));
  return siteFactsOf(state, siteId);
}
