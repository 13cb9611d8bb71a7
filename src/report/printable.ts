/** Terminal-safe text: what the CLI prints of scenario content. */

/**
 * Text from scenario files reaches the terminal (names, keys, code frames). Control characters
 * in it could move the cursor, clear the screen, retitle the window or reorder the text (bidi
 * overrides), so they are shown as escapes (`\x1b`, `\u202e`); the colour codes this tool
 * writes itself (SGR: ESC [ … m) are kept, as are new lines and tabs.
 */
export function printable(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (m) =>
    m.length > 1 ? m : m.charCodeAt(0) <= 0xff ? `\\x${m.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${m.charCodeAt(0).toString(16)}`,
  );
}

/**
 * A one-line field (a scenario name) with its line breaks and tabs as escapes, so a name holding
 * a new line cannot break the scenario's console line or fake another one.
 */
export function inline(text: string): string {
  return text.replace(/[\r\n\t]/g, (m) => (m === '\n' ? '\\n' : m === '\r' ? '\\r' : '\\t'));
}
