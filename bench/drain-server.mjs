// What the load generator can send at all on this machine: node:http that reads the body and drops it, then
// answers a fixed SUCCESS. No server that reads the body can be faster here; every ratio is bounded by it.
import { createServer } from 'node:http';
import { fixedAnswer as answer } from './fixed-answer.mjs';

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
