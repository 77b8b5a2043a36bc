import { caoDecider, caoStreamId, caoVersionOn, refuse, type LocalDate } from '@banenpool/domain';
import type { StreamStates } from '../shared/stream-states.js';

/** The CAO version in force on a date: an unknown CAO or one without a version then is refused (422). */
export async function requireCaoVersionOn(streams: StreamStates, caoCode: string, date: LocalDate) {
  const { state } = await streams.load(caoDecider, caoStreamId(caoCode));
  if (state.status === 'none') refuse('unknown_cao', `There is no CAO ${caoCode}; register it first.`);
  return caoVersionOn(state, date) ?? refuse('no_cao_version', `CAO ${caoCode} has no version in force on ${date}.`);
}
