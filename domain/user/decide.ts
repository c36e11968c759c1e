// decide(command, state) → events: the one entry point of a user's actor. Throws DomainError when the command is
// illegal. Order of checks: deduplication (Guarantee 2: an already applied command id decides nothing), then the
// lifecycle guard (new, banned, forgotten), then the command's own rules (decideProfile, decideTandem, decidePeer).
import { decideDialog } from '../dialog/decide.js';
import { forbidden, illegalState } from '../errors.js';
import type { PeerCommand, TandemCommand } from '../tandem/commands.js';
import { decideTandem } from '../tandem/decide.js';
import { decidePeer } from '../tandem/decidePeer.js';
import type { ProfileCommand, UserCommand } from './commands.js';
import { decideFirstContact, decideProfile } from './decideProfile.js';
import { decideModeration } from './decideModeration.js';
import { decidePartnerAlert } from './partnerAlert.js';
import type { UserEvent } from './events.js';
import { eventBase } from './ids.js';
import { ACTIVITY_RESOLUTION_MS } from './limits.js';
import type { UserState } from './state.js';

export const decide = (command: UserCommand, state: UserState): readonly UserEvent[] => {
  if (state.recentCommandIds.includes(command.meta.commandId)) return [];
  switch (command.type) {
    case 'ReceivePartnerRequest':
    case 'RejectPartnerRequest':
    case 'ConfirmAcceptance':
    case 'NotifyDeclined':
    case 'ActivateTandem':
    case 'CloseTandem':
    case 'ReceiveRating':
      return decidePeer(command satisfies PeerCommand, state);
    case 'RequestPartner':
    case 'CancelRequest':
    case 'AcceptRequest':
    case 'DeclineRequest':
    case 'EndTandem':
    case 'RateTandem':
      return withActivity(state, command, decideTandem(command, state, startedSelf(state)));
    case 'ExpireRequest':
      // A timer, not the user: no activity, and it still runs for a paused or banned user's leftover requests.
      return state.userId === null || state.status === 'forgotten' ? [] : decideTandem(command satisfies TandemCommand, state, state.userId);
    case 'RecordReminderSent':
      return decideProfile(command, state, startedSelf(state));
    case 'BanUser':
    case 'UnbanUser':
    case 'ForgetUser':
      return decideAdmin(command, state);
    case 'ReviewFeedback':
    case 'ReviewReport':
    case 'StartBroadcast':
      return decideModeration(command, startedSelf(state));
    case 'SetDialog':
      startedSelf(state);
      return decideDialog(command, state);
    case 'WatchForPartner':
      startedSelf(state);
      return withActivity(state, command, decidePartnerAlert(command, state));
    case 'NotifyPartnerAvailable':
      // Offered by a log follower, not the user: no activity; a state that cannot take it stays quiet.
      return decidePartnerAlert(command, state);
    case 'Start':
      // A forgotten user who comes back starts afresh in the same stream (its personal data stays sealed under the
      // old key version, which is gone; the store seals the new start with the next version).
      // A ban outlives the forget (the tombstone keeps statusBeforeBan), so forgetting is no way around it.
      if (state.status === 'forgotten' && state.statusBeforeBan !== null) throw forbidden('banned');
      if (state.status === 'new' || state.status === 'forgotten') return decideFirstContact(command, command.meta);
      return withActivity(state, command, decideProfile(command, state, startedSelf(state)));
    case 'SetNativeLanguages':
    case 'SetLearningLanguages':
    case 'SetInterests':
    case 'SetAvailability':
    case 'SetCommunication':
    case 'SetBio':
    case 'SetInterfaceLanguage':
    case 'PauseProfile':
    case 'ResumeProfile':
    case 'ResetProfile':
    case 'RecordActivity':
    case 'BlockUser':
    case 'UnblockUser':
    case 'ReportUser':
    case 'SendFeedback':
      return withActivity(state, command, decideProfile(command satisfies ProfileCommand, state, startedSelf(state)));
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
};

/** The user's id, once the lifecycle allows their own commands: started, not banned, not forgotten. */
const startedSelf = (state: UserState): string => {
  if (state.status === 'forgotten') throw forbidden('forgotten');
  if (state.status === 'banned') throw forbidden('banned');
  if (state.status === 'new' || state.userId === null) throw illegalState('not_started');
  return state.userId;
};

const decideAdmin = (command: Extract<ProfileCommand, { type: 'BanUser' | 'UnbanUser' | 'ForgetUser' }>, state: UserState): readonly UserEvent[] => {
  if (state.status === 'new' || state.userId === null) throw illegalState('not_started');
  if (state.status === 'forgotten') throw forbidden('forgotten');
  if (state.status !== 'banned') return decideProfile(command, state, state.userId);
  if (command.type === 'UnbanUser') return [{ type: 'UserUnbanned', data: eventBase(command.meta) }];
  if (command.type === 'BanUser') throw illegalState('already_banned');
  // ForgetUser: a banned user may still have their personal data erased.
  return decideProfile(command, state, state.userId);
};

/** Adds ActivityRecorded after a user's own command when the last one is older than the resolution. */
const withActivity = (state: UserState, command: UserCommand, events: readonly UserEvent[]): readonly UserEvent[] => {
  const last = state.lastActiveAt === null ? Number.NEGATIVE_INFINITY : Date.parse(state.lastActiveAt);
  if (command.meta.now.getTime() - last < ACTIVITY_RESOLUTION_MS) return events;
  return [...events, { type: 'ActivityRecorded', data: eventBase(command.meta) }];
};
