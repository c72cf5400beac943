/** A seed file Cognate cannot apply; `cognate serve` reports it in one line and exits. */
export class SeedError extends Error {}
