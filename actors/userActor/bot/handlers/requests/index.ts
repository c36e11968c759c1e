// The requests and tandem lifecycle (issue #6, point 4): answering request cards, /requests, /end and the rating.
// What a user hears without pressing anything (a request arrived, accepted, declined, expired, the partner ended)
// is sent by the reactions (actors/userActor/reactions), with the payloads in render.ts.
import type { BotContext } from '../../context.js';
import { registerAnswers } from './answer.js';
import { registerEndAndRate } from './endAndRate.js';
import { listRequests } from './listRequests.js';
import { HandlerComposer } from '../../handlerComposer.js';

export const requests = new HandlerComposer<BotContext>();

requests.command('requests', listRequests);
registerAnswers(requests);
registerEndAndRate(requests);
