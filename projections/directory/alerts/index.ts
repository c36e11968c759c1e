export { createPartnerAlertTarget, type PartnerAlertTargetOptions } from './partnerAlertTarget.js';
export { ALERT_MESSAGE_KIND, alertCommandId, alertMessageId, DEFAULT_PARTNER_ALERTS_SCHEMA, PARTNER_ALERTS_PROJECTION } from './names.js';
