import { createServer } from 'node:http';

/**
 * The floor under the query measurement: a bare node:http server answering every request with a
 * fixed JSON body the size of an availability answer, no routing, no work. Measured by the same
 * load process at the same rate, it shows what this machine's HTTP stack alone costs, so the
 * service's query latency is read as a ratio to it (as Kafka numbers are to the backbone).
 */
const body = JSON.stringify({ padding: 'x'.repeat(Number(process.argv[2] ?? 600)) });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
