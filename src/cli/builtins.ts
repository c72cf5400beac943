/**
 * Node built-in modules the CLI needs only on some paths, required on first use: a CLI call pays for
 * node:crypto (≈6 ms of start-up here), node:child_process or node:https only when it signs, pages or
 * talks TLS. Synchronous, and the same in the ESM sources (tests) and the CommonJS bundle (`cognate`).
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const crypto = (): typeof import('node:crypto') => load('node:crypto');
export const childProcess = (): typeof import('node:child_process') => load('node:child_process');
export const http = (): typeof import('node:http') => load('node:http');
export const https = (): typeof import('node:https') => load('node:https');
export const readline = (): typeof import('node:readline') => load('node:readline');
