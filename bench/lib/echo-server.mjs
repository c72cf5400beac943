#!/usr/bin/env node
// The ceiling: a bare node:http server that parses a JSON 1.1 request and serialises it back.
// Same listener, same keep-alive, no work — what any Node server on this machine can at best do.
import http from 'node:http';

const port = Number(process.argv[2]);
http
  .createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.from(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': body.length });
      res.end(body);
    });
  })
  .listen(port, '127.0.0.1');
