import { createServer } from 'node:http';

// The baseline: the least work Node can do to answer a JSON request.
const server = createServer((_request, response) => {
  const body = JSON.stringify({ status: 'ok' });
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
