/**
 * A buyer's name as reviews show it: the first and last characters with the middle hidden (林***雨),
 * or the first character only for two-character names (高*), so a review never identifies its writer.
 * Works on characters, not UTF-16 units, so emoji and rare CJK characters are never split.
 */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}***${characters.at(-1)}`;
}
