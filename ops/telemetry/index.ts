export { createLogger, updateLogger, type LoggerOptions, type UpdateLogFields } from './logger.js';
export { createMetrics, type Metrics } from './metrics.js';
