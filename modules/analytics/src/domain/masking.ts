/** Names shown in drill-downs are masked: enough to recognise a person, never the whole name. */

export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length === 0) return '*';
  if (characters.length === 1) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(Math.min(characters.length - 1, 2))}`;
}

/** A visitor without a name: the last four characters of the random visitor id. */
export function visitorLabel(visitorId: string, locale: 'zh-CN' | 'en'): string {
  const tail = visitorId.slice(-4);
  return locale === 'zh-CN' ? `访客 ·${tail}` : `Visitor ·${tail}`;
}
