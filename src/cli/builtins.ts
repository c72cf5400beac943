/**
 * Node built-in modules the CLI needs only on some paths, required on first use: a call pays for
 * node:net, node:child_process or node:https only when it talks to a server, runs a command or pages,
 * or uses TLS. (node:crypto stays out the same way: only the signer, loaded for signed calls, uses it.) Synchronous, and the same in the ESM sources (tests) and the
 * CommonJS bundle (`cognate`), where the build defines __COGNATE_CJS__ and the bundle's own require
 * serves, so node:module (which starts Node's ES module loader) stays unloaded.
 */
import { createRequire } from 'node:module';

declare const __COGNATE_CJS__: boolean | undefined;
declare const require: NodeJS.Require;

const load: NodeJS.Require = typeof __COGNATE_CJS__ !== 'undefined' ? require : createRequire(import.meta.url);

export const childProcess = (): typeof import('node:child_process') => load('node:child_process');
export const https = (): typeof import('node:https') => load('node:https');
export const net = (): typeof import('node:net') => load('node:net');
