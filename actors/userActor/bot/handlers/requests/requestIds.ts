// Request ids in button data. A tandem id is `tandem:<command id>` and holds colons, which callback data reserves
// as its separator; buttons carry the id without its prefix and with dots for colons, and a press finds the record
// whose id encodes the same (ids never contain dots, so the mapping is one to one).
import type { TandemRecord } from '../../../../../domain/tandem/index.js';
import type { UserState } from '../../../../../domain/user/index.js';

export const encodeRequestId = (requestId: string): string => requestId.replace(/^tandem:/, '').replaceAll(':', '.');

export const findByEncodedId = (state: UserState, encoded: string | undefined): TandemRecord | undefined =>
  encoded === undefined ? undefined : state.tandems.find((t) => encodeRequestId(t.id) === encoded);
