import { describe, expect, it } from 'vitest';
import { COMMUNICATION_STYLES, FREQUENCIES, isCommunicationStyle, isFrequency } from '../../../domain/communication/index.js';

describe('communication', () => {
  it('lists the styles and frequencies of the issue', () => {
    expect(COMMUNICATION_STYLES).toEqual(['text', 'voice_messages', 'audio_call', 'video_call', 'in_person']);
    expect(FREQUENCIES).toEqual(['daily', 'several_per_week', 'weekly', 'occasionally']);
  });

  it('tells known values from others', () => {
    expect(isCommunicationStyle('video_call')).toBe(true);
    expect(isCommunicationStyle('fax')).toBe(false);
    expect(isFrequency('weekly')).toBe(true);
    expect(isFrequency('yearly')).toBe(false);
  });
});
