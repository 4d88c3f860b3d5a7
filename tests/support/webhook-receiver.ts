import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Received {
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
}

/** A local webhook receiver: answers each POST as `answer` decides, and keeps what it was sent. */
export async function startReceiver(answer: (attempt: number, response: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    received.push({ idempotencyKey: request.headers['idempotency-key'] as string | undefined, body: JSON.parse(raw) });
    answer(received.length, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/settlements`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
