/**
 * Registers the CLI's customizations (hand-written commands such as `sso login`/`sso logout`) with
 * lazy loaders: `registerCustomCommand('sso', 'login', () => import('./sso-login.ts').then((m) => m.command))`.
 * Imported once by the driver; keep it to registrations so start-up stays cheap.
 */
export {};
