// Timers the runtime must schedule after committing events: a pending request expires REQUEST_TTL_MS after it was
// made, on each side. The timer's command id is derived from the request and the side, so scheduling twice (after
// a redelivery or a restart that re-reads the stream) yields one timer, and the command applies once.
import type { UserEvent } from '../user/events.js';
import type { ExpireRequest } from './commands.js';
import { REQUEST_TTL_MS } from './rules.js';

export interface TimerRequest {
  /** The ExpireRequest's meta.commandId when it fires. */
  readonly timerId: string;
  readonly dueAt: Date;
  readonly command: Pick<ExpireRequest, 'type' | 'data'>;
}

export const timersFor = (events: readonly UserEvent[]): readonly TimerRequest[] =>
  events.flatMap((event) => {
    if (event.type !== 'PartnerRequested' && event.type !== 'PartnerRequestReceived') return [];
    const side = event.type === 'PartnerRequested' ? 'requester' : 'target';
    return [
      {
        timerId: `${event.data.requestId}:expire:${side}`,
        dueAt: new Date(Date.parse(event.data.at) + REQUEST_TTL_MS),
        command: { type: 'ExpireRequest', data: { requestId: event.data.requestId } },
      },
    ];
  });
