/** Reads server-sent events from a streamed Response, for tests of the live radar. */
export interface SseMessage {
  readonly event: string;
  readonly data: any;
}

export function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const queue: SseMessage[] = [];
  let buffer = '';

  async function pull(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)));
    const chunk = await Promise.race([reader.read(), timeout]);
    clearTimeout(timer);
    if (!chunk || chunk.done) return false;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      if (event) queue.push({ event, data: data ? JSON.parse(data) : null });
    }
    return true;
  }

  return {
    /** The next message that matches, waiting at most `timeoutMs`; null when none came in time. */
    async next(matches: (message: SseMessage) => boolean = () => true, timeoutMs = 1_000): Promise<SseMessage | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex(matches);
        if (index >= 0) return queue.splice(index, 1)[0]!;
        if (!(await pull(deadline))) return null;
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
