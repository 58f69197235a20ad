import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the OpenAI chat-completions protocol, written apart from the client:
 * POST /v1/chat/completions with `Authorization: Bearer <key>` and a JSON body holding `model` and
 * `messages`; it answers `choices[0].message.content` with usage, or the protocol's error bodies
 * (401 invalid key, 400 bad request), or misbehaves on demand (500, a hang, non-JSON).
 */
export type FakeLlmMode = 'normal' | 'server_error' | 'hang' | 'garbage' | 'rate_limited';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: { model?: string; messages?: { role: string; content: string }[]; stream?: boolean; max_tokens?: number; temperature?: number };
}

export async function startFakeOpenAi(options: { apiKey: string; reply: (request: SeenRequest) => string }) {
  const seen: SeenRequest[] = [];
  const state = { mode: 'normal' as FakeLlmMode };
  const send = (response: ServerResponse, status: number, payload: object) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  };

  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      let body: SeenRequest['body'] = {};
      try {
        body = JSON.parse(raw);
      } catch {
        return send(response, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' } });
      }
      const entry: SeenRequest = { method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, contentType: request.headers['content-type'], body };
      seen.push(entry);
      if (state.mode === 'hang') return;
      if (state.mode === 'server_error') return send(response, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      if (state.mode === 'rate_limited') return send(response, 429, { error: { message: 'Rate limit reached', type: 'requests' } });
      if (state.mode === 'garbage') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html>bad gateway</html>');
      }
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') return send(response, 404, { error: { message: 'Unknown request URL', type: 'invalid_request_error' } });
      if (entry.authorization !== `Bearer ${options.apiKey}`) return send(response, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
      if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) return send(response, 400, { error: { message: "'messages' is a required property", type: 'invalid_request_error' } });
      const content = options.reply(entry);
      send(response, 200, {
        id: `chatcmpl-${seen.length}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: `${body.model}-0613`,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    setMode: (mode: FakeLlmMode) => (state.mode = mode),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
