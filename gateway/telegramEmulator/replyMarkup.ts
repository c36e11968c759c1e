// Checks reply_markup the way Telegram does where it matters to us: inline keyboard shape, exactly one action per
// button, callback_data of 1–64 bytes. Accepts the JSON-serialised string form that form-encoded requests use.
import { badRequest } from './apiError.js';

const BUTTON_ACTIONS = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
] as const;

const parseJsonField = (value: unknown, field: string): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${field} JSON object`);
  }
};

const checkInlineKeyboard = (rows: unknown): void => {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  if (rows.length > 100) throw badRequest('reply markup is too long');
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      if (typeof button !== 'object' || button === null) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      const fields = button as Record<string, unknown>;
      if (typeof fields.text !== 'string' || fields.text.length === 0) throw badRequest('BUTTON_TEXT_INVALID');
      const actions = BUTTON_ACTIONS.filter((action) => fields[action] !== undefined);
      if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (actions.length > 1) throw badRequest("can't parse inline keyboard button: exactly one of the optional fields must be used");
      if (actions[0] === 'callback_data') {
        const data = fields.callback_data;
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
      }
      if (actions[0] === 'url' && (typeof fields.url !== 'string' || !/^(https?|tg):\/\/\S+$/.test(fields.url))) {
        throw badRequest('BUTTON_URL_INVALID');
      }
    }
  }
};

export const checkedReplyMarkup = (value: unknown): Record<string, unknown> | undefined => {
  if (value === undefined || value === null) return undefined;
  const markup = parseJsonField(value, 'reply_markup');
  if (typeof markup !== 'object' || markup === null || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const fields = markup as Record<string, unknown>;
  if (fields.inline_keyboard !== undefined) checkInlineKeyboard(fields.inline_keyboard);
  else if (fields.keyboard === undefined && fields.remove_keyboard === undefined && fields.force_reply === undefined) {
    throw badRequest("can't find field \"inline_keyboard\"");
  }
  return fields;
};

export { parseJsonField };
