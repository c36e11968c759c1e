// Logs and metrics for the timer poller (which lives in actors/ and knows neither pino nor prom-client).
import type { Logger } from 'pino';
import type { TimerPollerObserver } from '../../actors/timers/timerPoller.js';
import type { DispatcherMetrics } from './metrics.js';

export const timerPollerObserver = (logger: Logger, metrics: DispatcherMetrics): TimerPollerObserver => ({
  fired(timer, result, lateMs) {
    metrics.timersFired.inc({ outcome: result.duplicate ? 'duplicate' : 'fired' });
    metrics.timerLatenessSeconds.observe(lateMs / 1000);
    logger.debug({ timer_id: timer.timerId, target: timer.target, event_id: timer.eventId, late_ms: lateMs, duplicate: result.duplicate }, 'timer fired');
  },
  failed(timer, error) {
    metrics.timersFired.inc({ outcome: 'failed' });
    logger.warn({ timer_id: timer.timerId, target: timer.target, event_id: timer.eventId, err: error }, 'timer delivery failed; will retry');
  },
  error(error) {
    logger.error({ err: error }, 'timer poll failed; will retry');
  },
});
