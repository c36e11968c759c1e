export { createMemoryUserDirectory, type PartnerCard, type UserDirectory } from './userDirectory.js';
export { memoryServices, type UserActorServices } from './services.js';
export {
  createMemoryAdminDesk,
  type AdminDesk,
  type AdminLanguagePair,
  type AdminStats,
  type FeedbackItem,
  type FeedbackStatus,
  type Page,
  type ReportItem,
  type ReportStatus,
  type SafetyMetrics,
} from './adminDesk.js';
