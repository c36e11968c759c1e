// How partners like to practise and how often. Labels are in the message catalog (communicationStyleKey and
// frequencyKey in domain/i18n); ids are stable because events store them.

export const COMMUNICATION_STYLES = ['text', 'voice_messages', 'audio_call', 'video_call', 'in_person'] as const;

export type CommunicationStyle = (typeof COMMUNICATION_STYLES)[number];

const STYLE_SET: ReadonlySet<string> = new Set(COMMUNICATION_STYLES);

export const isCommunicationStyle = (value: string): value is CommunicationStyle => STYLE_SET.has(value);

/** From most to least often; the order matters when two frequencies are compared for fit. */
export const FREQUENCIES = ['daily', 'several_per_week', 'weekly', 'occasionally'] as const;

export type Frequency = (typeof FREQUENCIES)[number];

const FREQUENCY_SET: ReadonlySet<string> = new Set(FREQUENCIES);

export const isFrequency = (value: string): value is Frequency => FREQUENCY_SET.has(value);
