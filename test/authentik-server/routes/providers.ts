import { booleanWidget } from '../boolean-query';
import { ListSpec, queryObjects } from '../list-query';
import type { OAuth2Provider } from '../model-types';
import { paginate } from '../pagination';
import { createProvider, updateProvider } from '../provider-record';
import { SerializerMode, validateProviderData } from '../provider-serializer';
import { pyParseInt } from '../python-values';
import type { ServedRelease } from '../release';
import { readRequestData } from '../request-data';
import { ApiResponse, detailResponse, jsonResponse, noContentResponse } from '../responses';
import { RequestContext, View, writeDenied } from '../router';

/** /api/v3/providers/oauth2/: authentik's OAuth2ProviderViewSet (a ModelViewSet). */

const specs = new WeakMap<ServedRelease, ListSpec<OAuth2Provider>>();

/** The view's filterset_fields; `redirect_uris` is among them only while it is one string (up to 2024.8.4, 2024.10.0 to 2024.10.2). */
function listSpec(release: ServedRelease): ListSpec<OAuth2Provider> {
  const cached = specs.get(release);
  if (cached) return cached;
  const choices = (key: string) => release.fields.find((f) => f.key === key)?.enumValues ?? [];
  const spec: ListSpec<OAuth2Provider> = {
    filters: [
      { param: 'name', kind: 'exact', field: 'name' },
      { param: 'client_id', kind: 'exact', field: 'client_id' },
      ...(release.profile.redirectUris.kind === 'string' ? [{ param: 'redirect_uris', kind: 'exact' as const, field: 'redirect_uris' as const }] : []),
      { param: 'client_type', kind: 'choice', field: 'client_type', choices: choices('client_type') },
      { param: 'sub_mode', kind: 'choice', field: 'sub_mode', choices: choices('sub_mode') },
      { param: 'issuer_mode', kind: 'choice', field: 'issuer_mode', choices: choices('issuer_mode') },
      // Built from the view's filterset_fields, so django-filter's BooleanWidget reads it ("1", "TRUE"...).
      {
        param: 'include_claims_in_id_token',
        kind: 'boolean',
        widget: booleanWidget,
        apply: (items, value) => items.filter((p) => p.include_claims_in_id_token === value),
      },
    ],
    searchFields: ['name'],
    defaultOrdering: ['name'],
  };
  specs.set(release, spec);
  return spec;
}

function list(context: RequestContext): ApiResponse {
  const listed = queryObjects([...context.store.providers.values()], context.query, listSpec(context.release));
  if (!listed.ok) return listed.response;
  const page = paginate(listed.items, context.query);
  return page.ok ? jsonResponse(200, page.body) : page.response;
}

function create(context: RequestContext): ApiResponse {
  const saved = validateAndSave(context, 'create');
  return saved.ok ? jsonResponse(201, saved.provider) : saved.response;
}

function retrieve(context: RequestContext, [id]: string[]): ApiResponse {
  const provider = findProvider(context, id);
  return provider ? jsonResponse(200, provider) : notFound();
}

function update(mode: 'update' | 'partial') {
  return (context: RequestContext, [id]: string[]): ApiResponse => {
    const existing = findProvider(context, id);
    if (!existing) return notFound();
    const denied = writeDenied(context);
    if (denied) return denied;
    const saved = validateAndSave(context, mode, existing);
    return saved.ok ? jsonResponse(200, saved.provider) : saved.response;
  };
}

function destroy(context: RequestContext, [id]: string[]): ApiResponse {
  const existing = findProvider(context, id);
  if (!existing) return notFound();
  const denied = writeDenied(context);
  if (denied) return denied;
  context.store.providers.delete(existing.pk);
  return noContentResponse();
}

type Saved = { ok: true; provider: OAuth2Provider } | { ok: false; response: ApiResponse };

function validateAndSave(context: RequestContext, mode: SerializerMode, existing?: OAuth2Provider): Saved {
  const request = readRequestData(context.rawBody, context.headers['content-type']);
  if (!request.ok) return request;
  const { store, release } = context;
  const outcome = validateProviderData(request.data, { store, mode, release, selfPk: existing?.pk });
  if (!outcome.valid) return { ok: false, response: jsonResponse(400, outcome.errors) };
  const provider = existing ? updateProvider(release, existing, outcome.values) : createProvider(release, store.takeProviderPk(), outcome.values);
  store.providers.set(provider.pk, provider);
  return { ok: true, provider };
}

/** The lookup is `pk=<id>` on an integer column: anything int() cannot read is simply not found. */
function findProvider(context: RequestContext, id: string): OAuth2Provider | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    return undefined;
  }
  const pk = pyParseInt(decoded, 10);
  return pk === undefined ? undefined : context.store.providers.get(Number(pk));
}

const notFound = () => detailResponse(404, 'Not found.');

export const providerViews: View[] = [
  { name: 'OAuth2 Provider List', pattern: /^\/api\/v3\/providers\/oauth2\/$/, methods: { GET: list, POST: create } },
  {
    name: 'OAuth2 Provider Instance',
    pattern: /^\/api\/v3\/providers\/oauth2\/([^/.]+)\/$/,
    detail: true,
    methods: { GET: retrieve, PUT: update('update'), PATCH: update('partial'), DELETE: destroy },
  },
];
