// The floor for any Node.js CLI call: node starts, sends one GlobalSignOut over node:net (the request
// `cognate` sends, hand-written), prints the answer's body, exits 0 on HTTP 200. No argument parsing,
// no configuration, no model, no output formatting. Usage: node one-request.cjs <endpoint-url> <token>
'use strict';
const net = require('node:net');
const url = new URL(process.argv[2]);
const body = JSON.stringify({ AccessToken: process.argv[3] });
const head = [
  'POST / HTTP/1.1',
  `Host: ${url.host}`,
  'Content-Type: application/x-amz-json-1.1',
  'X-Amz-Target: AWSCognitoIdentityProviderService.GlobalSignOut',
  `Content-Length: ${Buffer.byteLength(body)}`,
  'Connection: close',
  '',
  '',
].join('\r\n');
const socket = net.connect(Number(url.port || 80), url.hostname, () => socket.end(head + body));
let answer = '';
socket.setEncoding('latin1');
socket.on('data', (c) => (answer += c));
socket.on('end', () => {
  process.stdout.write(`${answer.slice(answer.indexOf('\r\n\r\n') + 4)}\n`);
  process.exitCode = / 200 /.test(answer.slice(0, answer.indexOf('\r\n'))) ? 0 : 1;
});
