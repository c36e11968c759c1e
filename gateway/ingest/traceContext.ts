// W3C trace context for an incoming update. If an OpenTelemetry SDK is registered and a span is active, its context
// is injected as is; otherwise (the API package alone is a no-op) we continue the caller's `traceparent` when it is
// valid, with a new span id, or start a new trace. Either way every mailbox message carries a traceparent.
import { randomBytes } from 'node:crypto';
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

export const traceHeadersFor = (incoming: { traceparent?: string | undefined; tracestate?: string | undefined }): TraceHeaders => {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent !== undefined) {
    return carrier.tracestate === undefined ? { traceparent: carrier.traceparent } : { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
  }
  const parent = parseTraceparent(incoming.traceparent);
  const spanId = randomBytes(8).toString('hex');
  if (parent === undefined) return { traceparent: `00-${randomBytes(16).toString('hex')}-${spanId}-01` };
  const traceparent = `00-${parent.traceId}-${spanId}-${parent.flags}`;
  return incoming.tracestate === undefined ? { traceparent } : { traceparent, tracestate: incoming.tracestate };
};
