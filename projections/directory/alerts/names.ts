// Names of the partner-alert follower: its own schema (watchers and its checkpoint), the projection name of its
// lease and checkpoint, and the mailbox message kind and ids it publishes.
export const DEFAULT_PARTNER_ALERTS_SCHEMA = 'partner_alerts';
export const PARTNER_ALERTS_PROJECTION = 'partner_alerts';

/** The mailbox message kind of an offer (the Lexbot-Message-Kind header; actors/userActor/messages.ts decodes it). */
export const ALERT_MESSAGE_KIND = 'alert';

/**
 * One offer per (trigger event, watcher): a redelivered batch publishes the same ids (JetStream drops them inside
 * its window) and the watcher's actor remembers the command id after that; its cleared wish does the rest.
 */
export const alertCommandId = (triggerEventId: string, watcher: string): string => `alert:${triggerEventId}:${watcher}`;
export const alertMessageId = (commandId: string): string => `cmd:${commandId}`;
