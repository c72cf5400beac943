/**
 * The `cognate` entry point. `serve` starts the server (loaded lazily, so that CLI commands never pay
 * for it); everything else is the AWS-CLI-compatible client.
 */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'serve') {
    const { serveCommand } = await import('../server/serve.ts');
    return serveCommand(argv.slice(1));
  }
  const { runCli } = await import('./driver.ts');
  return runCli(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code >= 0) process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`\n${err?.stack ?? err}\n`);
    process.exitCode = 255;
  },
);
