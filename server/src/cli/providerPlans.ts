import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter } from 'yaml';
import { AuthentikApi, ApiFailure } from '../../../common/authentik/apiClient';
import { ConnectionConfig } from '../../../common/authentik/connection';
import { DeployPlan, planDeploy, ProviderBody } from '../../../common/authentik/deploy';
import { profileShapeCheck } from '../../../common/authentik/deployShape';
import { HttpClient } from '../../../common/authentik/http';
import { storedFieldsOf } from '../../../common/authentik/storedValues';
import { Profile } from '../../../common/profiles';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { commentVersionWarning, shapeOfFile } from '../authentik/deployTarget';
import { prepareBody } from '../service/deployBody';
import { Finding, finding } from '../service/findings';
import { ParsedDocument, parseText } from '../service/parsedDocument';
import { documentTags, EnvironmentSource, PortableLists, PortableObject, ResolvedTag } from '../service/portable';
import { profileContext, resolveProfile } from '../service/profileResolution';
import { serverErrorFindings } from '../service/serverErrors';
import { findPair, rangeOf } from '../service/yamlNodes';
import { visible } from './escape';
import { describeFsError, FoundFile } from './files';
import type { CliIo } from './io';
import { serverLists, serverProfileContext, serverReferences } from './serverContext';
import { readWithinLimit } from './validateFiles';

/**
 * The --url server as `plan` and `deploy` see it for one run: the API (its redactor masks every
 * secret met), the profile files are checked for, and its objects for `!ref`/`!Find`, fetched once,
 * when a file first has such a tag.
 */
export interface PlanTarget {
  api: AuthentikApi;
  /** The server's profile and release, when its schema named one; else each file's own. */
  profile?: Profile;
  release?: string;
  env: EnvironmentSource;
  lists(): Promise<PortableLists>;
  /** The next lists() fetches the objects again (after a run created a provider another file names). */
  forgetLists(): void;
}

export async function openPlanTarget(connection: ConnectionConfig, http: HttpClient, io: CliIo): Promise<PlanTarget> {
  const context = await serverProfileContext(connection, http, io);
  let lists: Promise<PortableLists> | undefined;
  const fetchLists = async () => serverLists({ references: await serverReferences(connection, http, io, context.profile, 'references cannot be resolved') });
  return {
    api: new AuthentikApi(connection, http),
    ...context,
    env: io.env,
    lists: () => (lists ??= fetchLists()),
    forgetLists: () => {
      lists = undefined;
    },
  };
}

/** Why a file has no plan: it could not be read, it has errors (its tags included), or the server refused to plan it. */
export type PlanError =
  | { stage: 'read'; message: string }
  | { stage: 'file'; findings: Finding[]; message: string }
  | { stage: 'server'; failure: ApiFailure; findings: Finding[]; body: ProviderBody };

export interface FilePlan {
  /** As the command line or the search named it. */
  path: string;
  /** The file read (to plan it again when it waits for another file's provider). */
  source: FoundFile;
  /** For the findings' positions. */
  lines: LineCounter;
  /** The parsed file, for placing the server's messages on its lines; absent when it could not be read. */
  document?: ParsedDocument;
  /** Said once, on stderr: the file's version comment names another release than the server's. */
  warning?: string;
  result: { ok: true; plan: DeployPlan; resolved: ResolvedTag[] } | { ok: false; error: PlanError };
  /**
   * The `!ref`s to OAuth2 providers that another file of the run creates, with that file's path: the
   * plan holds 0 in their place, and the file is planned again, and sent, once those exist.
   */
  pending?: Map<ResolvedTag, string>;
}

/** What a plan does to one provider. */
export type PlanAction = 'create' | 'update' | 'none';

export function planAction(plan: DeployPlan): PlanAction {
  return plan.action === 'create' ? 'create' : plan.changes.length > 0 ? 'update' : 'none';
}

/** A named file as the single-file deploy reads it: any name, a link followed (the user named it). */
export function namedFile(file: string, cwd: string): FoundFile {
  const absolute = path.resolve(cwd, file);
  let real = absolute;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    // Reading gives the reason.
  }
  return { path: file, real };
}

const RESOLUTION_CODES = new Set(['env-missing', 'reference-unresolved', 'reference-ambiguous']);

/**
 * One file's plan: read, checked for the server's profile, every tag resolved, then the server asked
 * which provider it deploys to and what changes. Sends nothing that changes state. Each `!env`
 * value is remembered by the API's redactor before anything is asked or shown.
 */
export async function planFile(target: PlanTarget, file: FoundFile, creating?: ReadonlyMap<string, string>): Promise<FilePlan> {
  const maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const rules = DEFAULT_SETTINGS.rules;
  const noLines = new LineCounter();
  noLines.addNewLine(0);
  let text: string;
  try {
    const read = readWithinLimit(file.real, maxFileSize);
    if (typeof read === 'number') return { path: file.path, source: file, lines: noLines, result: { ok: false, error: { stage: 'read', message: `the file is ${read} bytes, over the limit of ${maxFileSize}` } } };
    text = read.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { path: file.path, source: file, lines: noLines, result: { ok: false, error: { stage: 'read', message: describeFsError(error) } } };
  }
  const document = parseText(text, { maxFileSize });
  const lines = document.lineCounter;
  const own = resolveProfile(document);
  const profile = target.profile ?? own.profile;
  const warning = target.release ? commentVersionWarning(document.text, target.release) : undefined;
  const base = { path: file.path, source: file, lines, document, ...(warning ? { warning } : {}) };
  const context = { rules, maxFileSize, ...(target.release ? { profile, release: target.release, profileFindings: [] } : profileContext(own)) };
  // The server's objects are asked for only when a file names one by slug or name.
  const needsLists = documentTags(document, profile).tags.some((tag) => tag.kind !== 'env');
  const lists = needsLists ? await target.lists() : {};
  const placeholders = creating ? placeholdersFor(lists, creating) : new Map<PortableObject, string>();
  const portable = { lists: placeholders.size ? { ...lists, oauth2Provider: [...(lists.oauth2Provider ?? []), ...placeholders.keys()] } : lists, env: target.env };
  const prepared = prepareBody(document, context, portable);
  if (!prepared.ok) {
    const count = prepared.errors.length;
    const resolution = prepared.errors.every((f) => RESOLUTION_CODES.has(f.code));
    const shape = !resolution && target.release ? shapeOfFile(document, rules, maxFileSize, own.profile, portable) : undefined;
    const shown = visible(file.path);
    const message = resolution
      ? `${shown}: ${count} tag(s) could not be resolved on the server or from the environment; nothing was sent.`
      : shape && target.release
        ? `${shown} is in the shape of ${shape.label}, not the one authentik ${visible(target.release)} on the server accepts (${count} difference(s) above); convert it first (authentik-oauth2 migrate ${shown} --to ${visible(target.release)} --write). Nothing was sent.`
        : `${shown} has ${count} error(s)${target.release ? ` for authentik ${visible(target.release)}, the server's release` : ''}; nothing was sent.`;
    return { ...base, result: { ok: false, error: { stage: 'file', findings: prepared.errors, message } } };
  }
  for (const secret of prepared.secrets) target.api.redactor.remember(secret);
  const planned = await planDeploy(target.api, prepared.body, { checkShape: profileShapeCheck(profile), fields: storedFieldsOf(profile.requestSchema) });
  if (!planned.ok) {
    // A name the server's state rules out goes on `name:`.
    const findings = planned.failure.kind === 'conflict' ? serverErrorFindings(document, { name: [planned.failure.message] }) : [];
    return { ...base, result: { ok: false, error: { stage: 'server', failure: planned.failure, findings, body: prepared.body } } };
  }
  const pending = new Map<ResolvedTag, string>();
  for (const r of prepared.resolved) {
    const creator = r.resolution.object && placeholders.get(r.resolution.object);
    if (creator) pending.set(r, creator);
  }
  return { ...base, result: { ok: true, plan: planned.plan, resolved: prepared.resolved }, ...(pending.size ? { pending } : {}) };
}

/** A stand-in (pk 0) for each provider the run creates that the server does not have yet. */
function placeholdersFor(lists: PortableLists, creating: ReadonlyMap<string, string>): Map<PortableObject, string> {
  const known = new Set((lists.oauth2Provider ?? []).map((o) => o.name));
  const placeholders = new Map<PortableObject, string>();
  for (const [name, path] of creating) if (!known.has(name)) placeholders.set({ pk: '0', name }, path);
  return placeholders;
}

/**
 * Every file of a run planned, in the order given; so that every `!env` value is known to the
 * redactor before anything is shown. A file whose only errors are `!ref`s to OAuth2 providers that
 * other files of the run create is planned to follow them (a chain too; files that would wait for
 * each other keep their errors); files that name the same provider are errors.
 */
export async function planRun(target: PlanTarget, files: readonly FoundFile[]): Promise<FilePlan[]> {
  const plans: FilePlan[] = [];
  for (const file of files) plans.push(await planFile(target, file));
  const creating = new Map<string, string>();
  const waits = (plan: FilePlan) => !plan.result.ok && plan.result.error.stage === 'file' && plan.result.error.findings.every((f) => f.code === 'reference-unresolved');
  for (let grew = true; grew; ) {
    grew = false;
    for (const plan of plans) if (plan.result.ok && plan.result.plan.action === 'create') creating.set(String(plan.result.plan.stored.name), plan.path);
    if (creating.size === 0) break;
    for (let i = 0; i < plans.length; i++) {
      if (!waits(plans[i])) continue;
      const again = await planFile(target, plans[i].source, creating);
      if (!again.result.ok || !again.pending) continue;
      plans[i] = again;
      grew = true;
    }
  }
  return refuseRepeatedNames(plans);
}

/** The changes in the order they are sent: each file after the files whose providers it names. */
export function applyOrder(changes: readonly FilePlan[]): FilePlan[] {
  const ordered: FilePlan[] = [];
  const placed = new Set<string>();
  const inRun = new Set(changes.map((c) => c.path));
  let progress = true;
  while (progress) {
    progress = false;
    for (const change of changes) {
      if (placed.has(change.path)) continue;
      if (![...(change.pending?.values() ?? [])].every((path) => placed.has(path) || !inRun.has(path))) continue;
      ordered.push(change);
      placed.add(change.path);
      progress = true;
    }
  }
  return ordered;
}

/**
 * The plans of a run with every file that names the same provider as an earlier one turned into an
 * error on its `name`: applied one after the other, they would create it and then fail, or update it
 * twice with different values.
 */
export function refuseRepeatedNames(plans: readonly FilePlan[]): FilePlan[] {
  const first = new Map<string, string>();
  return plans.map((file) => {
    if (!file.result.ok) return file;
    const name = String(file.result.plan.stored.name);
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, file.path);
      return file;
    }
    const pair = file.document?.root ? findPair(file.document.root, 'name') : undefined;
    const [start, end] = rangeOf(pair?.value) ?? rangeOf(pair?.key) ?? [0, 0];
    const message = `${earlier} names the provider "${name}" too: each provider must be described by one file only.`;
    const findings = [finding('provider-name-repeated', { message, start, end })];
    return { ...file, result: { ok: false, error: { stage: 'file', findings, message: `${file.path}: the provider "${name}" is named by another file of this run; nothing was sent.` } } };
  });
}

/** Whether the server's failure was an answer that says no (1), or no usable answer at all (2). */
export function serverSaidNo(kind: string | undefined): boolean {
  return kind === 'validation' || kind === 'forbidden' || kind === 'not-found' || kind === 'config' || kind === 'conflict';
}
