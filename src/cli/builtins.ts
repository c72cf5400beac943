/**
 * Node built-in modules the CLI needs only on some paths, required on first use: a call pays for
 * node:crypto (≈6 ms of start-up here), node:net, node:child_process or node:https only when it signs,
 * talks to a server, pages or uses TLS. Synchronous, and the same in the ESM sources (tests) and the
 * CommonJS bundle (`cognate`), where the build defines __COGNATE_CJS__ and the bundle's own require
 * serves, so node:module (which starts Node's ES module loader) stays unloaded.
 */
import { createRequire } from 'node:module';

declare const __COGNATE_CJS__: boolean | undefined;
declare const require: NodeJS.Require;

const load: NodeJS.Require = typeof __COGNATE_CJS__ !== 'undefined' ? require : createRequire(import.meta.url);

export const crypto = (): typeof import('node:crypto') => load('node:crypto');
export const childProcess = (): typeof import('node:child_process') => load('node:child_process');
export const http = (): typeof import('node:http') => load('node:http');
export const https = (): typeof import('node:https') => load('node:https');
export const net = (): typeof import('node:net') => load('node:net');
export const readline = (): typeof import('node:readline') => load('node:readline');
