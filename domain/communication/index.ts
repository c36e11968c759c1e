export {
  COMMUNICATION_STYLES,
  FREQUENCIES,
  isCommunicationStyle,
  isFrequency,
  type CommunicationStyle,
  type Frequency,
} from './communication.js';
