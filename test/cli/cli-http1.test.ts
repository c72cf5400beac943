/**
 * The CLI's plain-HTTP client (src/cli/http1.ts, node:net instead of node:http): `cognate` against raw
 * TCP servers that frame the same answer in every way HTTP/1.1 allows — Content-Length, chunked (split
 * across packets, with extensions and trailers), close-delimited, after an interim 100 Continue, and
 * with repeated headers — prints the same output each time; a connection closed early, a malformed
 * status line and a truncated body give the AWS CLI's "Connection was closed" error (255). The request
 * it sends is checked byte-level: method, target, Host, Content-Length, body and `Connection: close`.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { bareEnv, cognate } from './cognate-helpers.ts';

const ENV = { AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1' };
const BODY = '{"Username":"bob","UserAttributes":[{"Name":"sub","Value":"1f"}]}';
const EXPECTED = `${JSON.stringify(JSON.parse(BODY), null, 4)}\n`;

interface Raw {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A TCP server that reads one whole request, records it, then runs `answer` on the socket. */
async function rawServer(answer: (s: Socket) => unknown): Promise<Raw> {
  const requests: string[] = [];
  const server: Server = createServer((s) => {
    let got = Buffer.alloc(0);
    s.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      const text = got.toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const len = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? 0);
      if (got.length < headEnd + 4 + len) return;
      requests.push(text);
      answer(s);
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HEAD = 'content-type: application/x-amz-json-1.1\r\nx-amzn-requestid: r-1\r\n';

async function getUser(answer: (s: Socket) => unknown) {
  const srv = await rawServer((s) => void answer(s));
  try {
    const r = await cognate(['cognito-idp', 'get-user', '--access-token', 'tok', '--endpoint-url', srv.url], bareEnv(ENV));
    return { ...r, requests: srv.requests };
  } finally {
    await srv.close();
  }
}

describe('cognate over plain HTTP/1.1 (node:net)', () => {
  const servers: Raw[] = [];
  after(async () => Promise.all(servers.map((s) => s.close())));

  test('the request on the wire: POST /, Host with the port, the JSON body with its length, Connection: close', async () => {
    const r = await getUser((s) => s.end(`HTTP/1.1 200 OK\r\n${HEAD}content-length: ${BODY.length}\r\n\r\n${BODY}`));
    assert.equal(r.status, 0, r.stderr);
    const req = r.requests[0] as string;
    const [head, body] = req.split('\r\n\r\n') as [string, string];
    const lines = head.split('\r\n');
    assert.equal(lines[0], 'POST / HTTP/1.1');
    const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 2)]));
    assert.match(headers.get('host') ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(headers.get('x-amz-target'), 'AWSCognitoIdentityProviderService.GetUser');
    assert.equal(headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.equal(headers.get('connection'), 'close');
    assert.equal(body, '{"AccessToken": "tok"}');
    assert.equal(Number(headers.get('content-length')), Buffer.byteLength(body));
    assert.equal(r.stdout, EXPECTED);
  });

  const framings: Array<[string, (s: Socket) => unknown]> = [
    [
      'Content-Length, with more bytes arriving after it in separate packets',
      async (s) => {
        s.write(`HTTP/1.1 200 OK\r\n${HEAD}content-length: ${BODY.length}\r\n\r\n${BODY.slice(0, 10)}`);
        await later(30);
        s.write(BODY.slice(10, 20));
        await later(30);
        s.end(BODY.slice(20));
      },
    ],
    [
      'chunked, split mid-chunk, with a chunk extension and a trailer',
      async (s) => {
        const a = BODY.slice(0, 7);
        const b = BODY.slice(7);
        s.write(
          `HTTP/1.1 200 OK\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\n${a.length.toString(16)};x=1\r\n${a}\r\n${b.length.toString(16)}\r\n${b.slice(0, 5)}`,
        );
        await later(30);
        s.write(`${b.slice(5)}\r\n0\r\nx-trailer: t\r\n`);
        await later(30);
        s.end('\r\n');
      },
    ],
    ['close-delimited (no length, no chunking)', (s) => s.end(`HTTP/1.1 200 OK\r\n${HEAD}\r\n${BODY}`)],
    [
      'after an interim 100 Continue, status line without a reason phrase',
      async (s) => {
        s.write('HTTP/1.1 100 Continue\r\n\r\n');
        await later(20);
        s.end(`HTTP/1.1 200\r\n${HEAD}content-length: ${BODY.length}\r\n\r\n${BODY}`);
      },
    ],
    [
      'a server that keeps the connection open after a complete response',
      (s) => s.write(`HTTP/1.1 200 OK\r\n${HEAD}Content-Length: ${BODY.length}\r\nConnection: keep-alive\r\n\r\n${BODY}`),
    ],
  ];
  for (const [name, answer] of framings) {
    test(`same output: ${name}`, async () => {
      const r = await getUser(answer);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, EXPECTED);
    });
  }

  test('a 2 MB body in a thousand pieces, by Content-Length and chunked, arrives whole', async () => {
    const attrs = Array.from({ length: 20_000 }, (_, i) => ({ Name: `custom:a${i}`, Value: 'x'.repeat(60) }));
    const big = JSON.stringify({ Username: 'bob', UserAttributes: attrs });
    const pieces = Array.from({ length: 1000 }, (_, i) => big.slice((i * big.length) / 1000, ((i + 1) * big.length) / 1000));
    const expected = `${JSON.stringify(JSON.parse(big), null, 4)}\n`;
    const byLength = await getUser(async (s) => {
      s.write(`HTTP/1.1 200 OK\r\n${HEAD}content-length: ${Buffer.byteLength(big)}\r\n\r\n`);
      for (const p of pieces) s.write(p);
      s.end();
    });
    assert.equal(byLength.status, 0, byLength.stderr);
    assert.equal(byLength.stdout, expected);
    const chunked = await getUser(async (s) => {
      s.write(`HTTP/1.1 200 OK\r\n${HEAD}transfer-encoding: chunked\r\n\r\n`);
      for (const p of pieces) s.write(`${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`);
      s.end('0\r\n\r\n');
    });
    assert.equal(chunked.status, 0, chunked.stderr);
    assert.equal(chunked.stdout, expected);
  });

  test('repeated headers are combined as node:http does (first content-type wins, others joined)', async () => {
    const srv = await rawServer((s) =>
      s.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.1\r\nContent-Type: text/html\r\nx-amzn-errortype: NotAuthorizedException\r\ncontent-length: 51\r\n\r\n{"__type":"x","message":"Access Token has expired"}`,
      ),
    );
    servers.push(srv);
    const r = await cognate(['cognito-idp', 'get-user', '--access-token', 'tok', '--endpoint-url', srv.url], bareEnv(ENV));
    assert.equal(r.status, 254);
    assert.equal(
      r.stderr,
      '\ncognate: [ERROR]: An error occurred (NotAuthorizedException) when calling the GetUser operation (reached max retries: 0): Access Token has expired\n',
    );
  });

  const broken: Array<[string, (s: Socket) => unknown]> = [
    ['closed before any byte', (s) => s.end()],
    [
      'reset mid-body',
      (s) => {
        s.write(`HTTP/1.1 200 OK\r\n${HEAD}content-length: ${BODY.length}\r\n\r\n${BODY.slice(0, 5)}`);
        setTimeout(() => s.resetAndDestroy(), 20);
      },
    ],
    [
      'a body shorter than its Content-Length',
      (s) => s.end(`HTTP/1.1 200 OK\r\n${HEAD}content-length: ${BODY.length + 10}\r\n\r\n${BODY}`),
    ],
    ['a chunked body cut off', (s) => s.end(`HTTP/1.1 200 OK\r\n${HEAD}transfer-encoding: chunked\r\n\r\n10\r\n0123`)],
    ['not HTTP', (s) => s.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')],
  ];
  for (const [name, answer] of broken) {
    test(`connection closed early (255): ${name}`, async () => {
      const r = await getUser(answer);
      assert.equal(r.status, 255, r.stdout);
      assert.match(
        r.stderr,
        /^\ncognate: \[ERROR\]: Connection was closed before we received a valid response from endpoint URL: "http:\/\/127\.0\.0\.1:\d+\/"\.\n$/,
      );
      assert.equal(r.stdout, '');
    });
  }
});
