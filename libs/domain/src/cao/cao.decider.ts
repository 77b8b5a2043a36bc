import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requirePeriod, requireText } from '../shared/guards.js';
import { addDays, contains, formatPeriod, type LocalDate } from '../shared/local-date.js';
import type { CaoCommand, CorrectCaoVersion, PublishCaoVersion, RegisterCao } from './cao.commands.js';
import type { CaoEvent, CaoVersionContent } from './cao.events.js';
import { requireValidContent } from './cao-version-content.js';
import { bindingOn, recordBinding, withBinding, type CaoBinding } from './cao-binding.js';

/** One recorded content of a version: revision 0 as published, then each correction. */
export interface CaoRevision {
  readonly revision: number;
  readonly content: CaoVersionContent;
  /** Why a correction was made; absent on the published revision. */
  readonly reason?: string;
}

export interface CaoVersionRecord {
  readonly effectiveFrom: LocalDate;
  readonly effectiveUntil?: LocalDate;
  /** Every revision ever recorded, oldest first: history is kept, never rewritten. */
  readonly revisions: readonly CaoRevision[];
}

export interface RegisteredCao {
  readonly status: 'registered';
  readonly code: string;
  readonly name: string;
  /** Ordered by effective date. */
  readonly versions: readonly CaoVersionRecord[];
  /** When the CAO binds the pool itself, in date order. */
  readonly bindings: readonly CaoBinding[];
}

export type CaoState = { readonly status: 'none' } | RegisteredCao;

/** A version as it applies: its period with an open end resolved, and its latest revision. */
export interface ResolvedCaoVersion {
  readonly code: string;
  readonly effectiveFrom: LocalDate;
  /** The last day it applies: its own end, else the day before the next version; absent when nothing follows. */
  readonly effectiveUntil?: LocalDate;
  readonly revision: number;
  readonly content: CaoVersionContent;
}

export const caoDecider: Decider<CaoCommand, CaoEvent, CaoState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'CaoRegistered')
      return { status: 'registered', code: event.data.code, name: event.data.name, versions: [], bindings: [] };
    if (state.status === 'none') return state; // a CAO's history always starts with CaoRegistered
    switch (event.type) {
      case 'CaoVersionPublished': {
        const { effectiveFrom, effectiveUntil, content } = event.data;
        const version: CaoVersionRecord = { effectiveFrom, effectiveUntil, revisions: [{ revision: 0, content }] };
        return { ...state, versions: byEffectiveDate([...state.versions, version]) };
      }
      case 'CaoVersionCorrected': {
        const { effectiveFrom, revision, content, reason } = event.data;
        const versions = state.versions.map((v) =>
          v.effectiveFrom === effectiveFrom ? { ...v, revisions: [...v.revisions, { revision, content, reason }] } : v,
        );
        return { ...state, versions };
      }
      case 'CaoBindingOnPoolRecorded': {
        const { from, until, basis } = event.data;
        return { ...state, bindings: withBinding(state.bindings, { from, until, basis }) };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCao':
        return register(command, state);
      case 'PublishCaoVersion':
        return publish(command, registered(state));
      case 'CorrectCaoVersion':
        return correct(command, registered(state));
      case 'RecordCaoBinding': {
        const cao = registered(state);
        return recordBinding(command, cao.code, cao.bindings);
      }
      default:
        return assertNever(command);
    }
  },
};

function register(command: RegisterCao, state: CaoState): CaoEvent[] {
  if (state.status !== 'none') conflict('cao_already_registered', `CAO ${state.code} is already registered.`);
  requireText(command.code, 'The CAO code');
  requireText(command.name, 'The CAO name');
  return [{ type: 'CaoRegistered', data: { code: command.code, name: command.name } }];
}

function publish(command: PublishCaoVersion, state: RegisteredCao): CaoEvent[] {
  const { effectiveFrom, effectiveUntil, content } = command;
  requirePeriod({ from: effectiveFrom, to: effectiveUntil }, 'The CAO version');
  requireValidContent(content);
  requireNoOverlap(state, { effectiveFrom, effectiveUntil, revisions: [] });
  return [{ type: 'CaoVersionPublished', data: { code: state.code, effectiveFrom, effectiveUntil, content } }];
}

function correct(command: CorrectCaoVersion, state: RegisteredCao): CaoEvent[] {
  const version = state.versions.find((v) => v.effectiveFrom === command.effectiveFrom);
  if (!version) notFound('cao_version_not_found', `CAO ${state.code} has no version effective from ${command.effectiveFrom}.`);
  requireText(command.reason, 'The reason for the correction');
  requireValidContent(command.content);
  const revision = version.revisions.length;
  return [
    {
      type: 'CaoVersionCorrected',
      data: { code: state.code, effectiveFrom: version.effectiveFrom, revision, content: command.content, reason: command.reason },
    },
  ];
}

function registered(state: CaoState): RegisteredCao {
  if (state.status === 'none') notFound('cao_not_found', 'This CAO is not registered.');
  return state;
}

const byEffectiveDate = (versions: CaoVersionRecord[]) => versions.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

// An open-ended version runs until the next one starts, so in date order only two things can
// overlap: two versions starting on the same day, or a version whose own end is not before the next start.
function requireNoOverlap(state: RegisteredCao, candidate: CaoVersionRecord): void {
  const ordered = byEffectiveDate([...state.versions, candidate]);
  for (const [i, version] of ordered.entries()) {
    const next = ordered[i + 1];
    if (!next) return;
    const clash =
      version.effectiveFrom === next.effectiveFrom ||
      (version.effectiveUntil !== undefined && version.effectiveUntil >= next.effectiveFrom);
    if (!clash) continue;
    const existing = version === candidate ? next : version;
    refuse(
      'cao_versions_overlap',
      `A version ${formatPeriod({ from: candidate.effectiveFrom, to: candidate.effectiveUntil })} would overlap the version ` +
        `${formatPeriod({ from: existing.effectiveFrom, to: existing.effectiveUntil })} of CAO ${state.code}; versions never overlap.`,
    );
  }
}

/** Every version with its period resolved and its latest revision, in date order. */
export function caoVersions(state: CaoState): ResolvedCaoVersion[] {
  if (state.status === 'none') return [];
  return state.versions.map((version, i) => {
    const next = state.versions[i + 1];
    const latest = version.revisions[version.revisions.length - 1];
    return {
      code: state.code,
      effectiveFrom: version.effectiveFrom,
      effectiveUntil: version.effectiveUntil ?? (next ? addDays(next.effectiveFrom, -1) : undefined),
      revision: latest.revision,
      content: latest.content,
    };
  });
}

/** The version effective on a date, as currently corrected; undefined when none is. */
export function caoVersionOn(state: CaoState, date: LocalDate): ResolvedCaoVersion | undefined {
  return caoVersions(state).find(inForceOn(date));
}

/** The version of CAO `code` effective on a date among the versions of one or more CAOs; undefined when none is. */
export function caoVersionIn(versions: readonly ResolvedCaoVersion[], code: string, date: LocalDate): ResolvedCaoVersion | undefined {
  return versions.find((v) => v.code === code && inForceOn(date)(v));
}

const inForceOn = (date: LocalDate) => (version: ResolvedCaoVersion) =>
  contains({ from: version.effectiveFrom, to: version.effectiveUntil }, date);

/** The pool's binding by this CAO on a date; undefined when the CAO does not bind the pool then. */
export function caoBindingOn(state: CaoState, date: LocalDate): CaoBinding | undefined {
  return state.status === 'none' ? undefined : bindingOn(state.bindings, date);
}
