/**
 * One generated API command, in awscli's order: parse the operation's options (usage errors, nothing
 * sent), unpack values (shorthand, JSON, file://), merge --cli-input-json, print an input skeleton, then
 * resolve profile → region → endpoint, validate the parameters, print an output skeleton, resolve
 * credentials (signed operations only), call (paginating when the model says so) and format the result.
 */
import { readFileSync } from 'node:fs';
import type { Operation, ServiceModel, Shape } from '../protocol/model.ts';
import { buildArgTable, parseOperationArgs } from './args.ts';
import { binaryFormat, decodeInputBlobs } from './binary-format.ts';
import { type CallContext, invoke } from './call.ts';
import { checkOneCliInput, mergeCliInputYaml } from './cli-input-yaml.ts';
import { resolveCredentials } from './credentials.ts';
import { debug } from './debug.ts';
import { ConfigurationError, GeneralError, ParamValidationError } from './errors.ts';
import { type GlobalOptions, parseTimeout } from './global-options.ts';
import { pagingInt, paginateAll } from './paginate.ts';
import { printResult, textPageStream } from './print.ts';
import { shapeValue } from './response.ts';
import { Settings } from './settings.ts';
import { dumpSkeleton, generateSkeleton } from './skeleton.ts';
import { mergeCliInputJson, unpackParams } from './unpack.ts';
import { validateParams } from './validate-params.ts';
import { userAgent } from './version.ts';

export interface OperationInvocation {
  service: string;
  cliName: string;
  model: ServiceModel;
  op: Operation;
  args: string[];
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
}

const REGION_RE = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function defaultEndpoint(model: ServiceModel, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${model.metadata.endpointPrefix}.${region}.${suffix}`;
}

function checkEndpoint(raw: string): URL {
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  if (!u || !/^https?:$/.test(u.protocol) || !u.hostname) {
    throw new ParamValidationError(
      `Bad value for --endpoint-url "${raw}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
    );
  }
  return u;
}

/** Runs the command; returns the exit code. */
export async function runOperation(inv: OperationInvocation): Promise<number> {
  const { model, op, globals, env } = inv;
  const table = buildArgTable(model, op);
  if (inv.args[0] === 'help') {
    const { operationHelp } = await import('./help.ts');
    process.stdout.write(operationHelp(inv.service, inv.cliName, model, op, table));
    return 0;
  }
  const { values } = parseOperationArgs(table, inv.args);
  let params = unpackParams(model, table, values);
  checkOneCliInput(values);
  params = mergeCliInputJson(params, values.get('cli-input-json') as string | undefined);
  params = await mergeCliInputYaml(params, values.get('cli-input-yaml') as string | undefined);
  const skeleton = values.get('generate-cli-skeleton');
  if (skeleton === 'input') {
    process.stdout.write(dumpSkeleton(generateSkeleton(model, op.input, false), model, op.input));
    return 0;
  }
  if (skeleton === 'yaml-input') {
    // Loaded only here: it brings the YAML writer, which no other call on this path needs.
    const { yamlSkeleton } = await import('./skeleton-yaml.ts');
    process.stdout.write(yamlSkeleton(model, op.input));
    return 0;
  }

  // Pagination: on unless --no-paginate, or the user drove the tokens by hand.
  const paginator = table.paginator;
  const startingToken = values.get('starting-token') as string | undefined;
  const pageSize = pagingInt('page-size', values.get('page-size') as string | undefined);
  const maxItems = pagingInt('max-items', values.get('max-items') as string | undefined);
  // A page token or page size given by hand — on the command line or, as in v2, in --cli-input-json/yaml —
  // turns automatic pagination off.
  const fromInput = values.has('cli-input-json') || values.has('cli-input-yaml');
  const manualTokens = paginator
    ? [paginator.input_token, paginator.limit_key]
        .flat()
        .some(
          (k) =>
            k !== undefined && (table.members.some((a) => a.member === k && values.has(a.name)) || (fromInput && params[k] !== undefined)),
        )
    : false;
  const paginate = Boolean(paginator) && globals.paginate && !manualTokens;
  if (paginator && !globals.paginate) {
    const used = ['starting-token', 'page-size', 'max-items'].filter((n) => values.has(n));
    if (used.length > 0)
      throw new ParamValidationError(
        `Cannot specify --no-paginate along with pagination arguments: ${used.map((u) => `--${u}`).join(', ')}`,
      );
  }

  const settings = new Settings(globals, env);
  settings.checkProfile();
  const region = settings.region();
  if (!region)
    throw new ConfigurationError('NoRegion', 'You must specify a region. You can also configure your region by running "aws configure".');
  if (!REGION_RE.test(region)) throw new GeneralError(`Provided region_name '${region}' doesn't match a supported format.`);
  const endpoint = checkEndpoint(
    globals.endpointUrl ?? settings.configuredEndpoint(model.metadata.serviceId) ?? defaultEndpoint(model, region),
  );
  debug('botocore.regions', `Endpoint provider result: ${endpoint.href.replace(/\/$/, '')}`);

  validateParams(model, op.input, params);
  decodeInputBlobs(model, op.input, params, binaryFormat(globals, settings));
  if (skeleton === 'output') {
    const fake = op.output ? shapeValue(model, model.shapes[op.output] as Shape, generateSkeleton(model, op.output, true)) : {};
    await printResult(fake, globals, settings, op.name);
    return 0;
  }

  let connectTimeoutMs: number | undefined;
  let readTimeoutMs: number | undefined;
  try {
    connectTimeoutMs = parseTimeout(globals.connectTimeout, 60_000);
    readTimeoutMs = parseTimeout(globals.readTimeout, 60_000);
  } catch (err) {
    throw new GeneralError((err as Error).message);
  }
  debug(
    'botocore.endpoint',
    `Setting ${model.metadata.endpointPrefix} timeout as (${connectTimeoutMs ? connectTimeoutMs / 1000 : 'None'}, ${readTimeoutMs ? readTimeoutMs / 1000 : 'None'})`,
  );

  let credentials: CallContext['credentials'];
  if (op.signed && globals.signRequest) {
    credentials = await resolveCredentials({ settings, env, debug });
    if (!credentials)
      throw new ConfigurationError('NoCredentials', 'Unable to locate credentials. You can configure credentials by running "aws login".');
  }

  let ca: string | undefined;
  const caBundle = settings.caBundle();
  if (caBundle && endpoint.protocol === 'https:') {
    try {
      ca = readFileSync(caBundle, 'utf8');
    } catch {
      throw new GeneralError(
        `SSL validation failed for ${endpoint.origin}${op.http.requestUri.split('?')[0]} [Errno 2] No such file or directory`,
      );
    }
  }
  const warned = new Set<string>();
  const ctx: CallContext = {
    model,
    op,
    endpoint,
    region,
    ...(credentials ? { credentials } : {}),
    transport: { verifySsl: globals.verifySsl, ...(ca ? { ca } : {}), connectTimeoutMs, readTimeoutMs },
    maxAttempts: settings.maxAttempts(),
    retryMode: settings.retryMode(),
    userAgent: userAgent(`${inv.service}.${inv.cliName}`),
    onInsecure: (host) => {
      if (warned.has(host)) return;
      warned.add(host);
      process.stderr.write(
        `cognate: InsecureRequestWarning: Unverified HTTPS request is being made to host '${host}'. Adding certificate verification is strongly advised.\n`,
      );
    },
  };
  if (!paginate || !paginator) {
    await printResult(await invoke(ctx, params), globals, settings, op.name);
    return 0;
  }
  const stream = await textPageStream(globals, settings, op.name);
  const result = await paginateAll(
    paginator,
    params,
    {
      ...(startingToken !== undefined ? { startingToken } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(maxItems !== undefined ? { maxItems } : {}),
      ...(stream ? { onPage: stream.page } : {}),
    },
    (p) => invoke(ctx, p),
  );
  if (stream) stream.finish(result);
  else await printResult(result, globals, settings, op.name);
  return 0;
}
