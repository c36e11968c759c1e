// One contract for every event store adapter (STYLE.md: "contract suites"). Each adapter's test file calls
// describeEventStoreContract with a factory of fresh stores, or with a reason to skip that shows in the report.
import { afterEach, beforeEach, describe } from 'vitest';
import { appendingContract } from './appending.js';
import { commitOrderContract } from './commitOrder.js';
import type { EventStoreContractOptions, EventStoreFactory, EventStoreHarness } from './harness.js';
import { readingContract } from './reading.js';
import { snapshotsContract } from './snapshots.js';
import { subscribingContract } from './subscribing.js';

export type { EventStoreContractOptions, EventStoreFactory, EventStoreHarness } from './harness.js';
export { delayThenAppend } from './harness.js';

export const describeEventStoreContract = (
  adapter: string,
  factory: EventStoreFactory | { readonly skip: string },
  options: EventStoreContractOptions = { propertyRuns: 25 },
): void => {
  if ('skip' in factory) {
    describe.skip(`event store contract: ${adapter} (skipped: ${factory.skip})`, () => {
      appendingContract(() => {
        throw new Error('skipped');
      });
    });
    return;
  }
  describe(`event store contract: ${adapter}`, () => {
    let current: EventStoreHarness | undefined;
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });
    const harness = (): EventStoreHarness => {
      if (current === undefined) throw new Error('no event store: the contract runs inside its describe block');
      return current;
    };
    describe('appending', () => appendingContract(harness));
    describe('reading', () => readingContract(harness));
    describe('subscribing', () => subscribingContract(harness));
    describe('snapshots', () => snapshotsContract(harness));
    describe('commit order', () => commitOrderContract(harness, options));
  });
};
