import { servedRelease } from './release';
import type { FaultSpec, TestServerOptions } from './types';

export interface CliConfig {
  server: TestServerOptions;
  faults: FaultSpec[];
  extraFlows: number;
}

export const USAGE = `usage: tsx test/authentik-server/main.ts [options]
  --port <n>              port to listen on, 0 (default) picks a free one
  --host <addr>           address to bind, default 127.0.0.1
  --version <v>           behave like this authentik release (default 2024.8.4; 2026.2 means its newest
                          known release; a release newer than every bundled profile behaves like the newest)
  --token <t>             accepted bearer token, default test-token
  --read-only-token <t>   a token that may only read
  --expired-token <t>     a token the server treats as expired
  --no-seed               start without flows, key pairs, property mappings, sources and other providers
  --fresh-ids             give the seed objects random UUIDs (same names and slugs), like another install
  --flows <n>             add n more authorization flows (for pagination)
  --latency <ms>          delay every response
  --fault-status <n>      answer matching requests with this status
  --fault-path <prefix>   only requests whose path starts with this (default: all)
  --fault-method <m>      only requests with this method
  --fault-times <n>       only the first n matching requests
  --fault-html            the status fault has an HTML body (like a proxy's 502 page)`;

export class CliError extends Error {}

/** Parses the command line; throws CliError with a message for the user. */
export function parseCliArgs(argv: string[]): CliConfig {
  const server: TestServerOptions = {};
  const statusFault: FaultSpec = {};
  let latency: number | undefined;
  let extraFlows = 0;
  const args = [...argv];
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || next.startsWith('--')) throw new CliError(`${flag} needs a value`);
    return next;
  };
  const integer = (flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = value(flag);
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new CliError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
    return n;
  };
  const release = (version: string): string => {
    try {
      servedRelease(version);
    } catch (error) {
      throw new CliError(`--version: ${error instanceof Error ? error.message : String(error)}`);
    }
    return version;
  };
  while (args.length > 0) {
    const flag = args.shift()!;
    switch (flag) {
      case '--port': server.port = integer(flag, 0, 65535); break;
      case '--host': server.host = value(flag); break;
      case '--version': server.version = release(value(flag)); break;
      case '--token': server.token = value(flag); break;
      case '--read-only-token': server.readOnlyToken = value(flag); break;
      case '--expired-token': server.expiredToken = value(flag); break;
      case '--no-seed': server.seed = false; break;
      case '--fresh-ids': server.freshIds = true; break;
      case '--flows': extraFlows = integer(flag, 0); break;
      case '--latency': latency = integer(flag, 0); break;
      case '--fault-status': statusFault.status = integer(flag, 100, 599); break;
      case '--fault-path': statusFault.path = value(flag); break;
      case '--fault-method': statusFault.method = value(flag); break;
      case '--fault-times': statusFault.times = integer(flag, 1); break;
      case '--fault-html': statusFault.htmlBody = true; break;
      default: throw new CliError(`unknown option ${flag}`);
    }
  }
  const faults: FaultSpec[] = [];
  if (latency) faults.push({ latencyMs: latency });
  if (statusFault.status !== undefined) faults.push(statusFault);
  else if (Object.keys(statusFault).length > 0) throw new CliError('--fault-path, --fault-method, --fault-times and --fault-html need --fault-status');
  return { server, faults, extraFlows };
}
