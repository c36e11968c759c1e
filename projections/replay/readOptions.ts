// What a rebuild asks of readAll. Both projections skip outbox entries (a third of a typical log) after reading
// them, so the store need not send, parse or decrypt their data: they come back as bare positions.
import type { ReadAllOptions } from '../../actors/eventStore/types.js';
import { OUTBOX_EVENT_TYPES } from '../../actors/outbox/outboxEvents.js';
import { UNPROJECTED_EVENT_TYPES } from '../readModels/project.js';

export const REPLAY_READ_OPTIONS: ReadAllOptions = { omitDataOf: Object.values(OUTBOX_EVENT_TYPES) };

/** The read models' rebuild also skips what no read model depends on (see decodeForReadModels). */
export const READ_MODELS_REPLAY_READ_OPTIONS: ReadAllOptions = { omitDataOf: [...Object.values(OUTBOX_EVENT_TYPES), ...UNPROJECTED_EVENT_TYPES] };
