/** The AWS-CLI-compatible client (placeholder until the CLI lands). */
export async function runCli(_argv: string[]): Promise<number> {
  process.stderr.write('usage: cognate serve [options]\n');
  return 252;
}
