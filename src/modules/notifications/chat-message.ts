/** Discord caps `content` at 2,000 characters. */
const MAX_MESSAGE_LENGTH = 2000;

/** A message's text as both a Discord (`content`) and a Slack (`text`) incoming webhook read it. */
export function chatMessage(lines: string[]): { content: string; text: string } {
  const message = lines.join('\n');
  const text = message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
  return { content: text, text };
}

/** A time as the club reads it in a message: its own time zone, day and minute. */
export function clubTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
