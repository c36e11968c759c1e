// A bytea column in Postgres's text format, back to its bytes: `\x` and hex digits (bytea_output = 'hex', the
// default), or the older escape format (bytea_output = 'escape': printable bytes as themselves, a backslash as
// two, any other byte as a backslash and three octal digits). pg's own Query decodes both the same way.

const BACKSLASH = 0x5c;

export const byteaFromText = (text: string): Buffer => {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  const bytes = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code !== BACKSLASH) {
      bytes[length++] = code;
      i += 1;
    } else if (text.charCodeAt(i + 1) === BACKSLASH) {
      bytes[length++] = BACKSLASH;
      i += 2;
    } else {
      const octal = text.slice(i + 1, i + 4);
      if (!/^[0-3][0-7]{2}$/.test(octal)) throw new Error(`not a bytea in escape format: ${JSON.stringify(text.slice(i, i + 4))} at ${i}`);
      bytes[length++] = Number.parseInt(octal, 8);
      i += 4;
    }
  }
  return bytes.subarray(0, length);
};
