import { nullBooleanSelect } from '../boolean-query';
import { ListSpec, queryObjects } from '../list-query';
import type { PropertyMapping, Provider } from '../model-types';
import { paginate } from '../pagination';
import { isBackchannel, providerRow } from '../provider-types';
import { ApiResponse, jsonResponse } from '../responses';
import type { RequestContext, View } from '../router';

/**
 * The lists across every type: /providers/all/ (ProviderViewSet) and /propertymappings/all/
 * (PropertyMappingViewSet). Each object is rendered with the base serializer's fields only.
 */

const PROVIDERS: ListSpec<Provider> = {
  filters: [
    // No application uses the test server's providers: every provider is unassigned.
    { param: 'application__isnull', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => (value ? items : []) },
    { param: 'backchannel', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => items.filter((p) => isBackchannel(p) === value) },
  ],
  // search_fields also has application__name, which no provider here has.
  searchFields: ['name'],
  // The view sets no ordering, so the database's order applies; pk order stands in for it.
  defaultOrdering: ['pk'],
};

const PROPERTY_MAPPINGS: ListSpec<PropertyMapping> = {
  filters: [
    { param: 'name', kind: 'exact', field: 'name' },
    { param: 'managed', kind: 'allValues', field: 'managed' },
    { param: 'managed__isnull', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => items.filter((m) => (m.managed === null) === value) },
  ],
  searchFields: ['name'],
  defaultOrdering: ['name'],
};

function listed<T extends object>(rows: T[], context: RequestContext, spec: ListSpec<T>): ApiResponse {
  const result = queryObjects(rows, context.query, spec);
  if (!result.ok) return result.response;
  const page = paginate(result.items, context.query);
  return page.ok ? jsonResponse(200, page.body) : page.response;
}

function allProviders(context: RequestContext): ApiResponse {
  const { store } = context;
  return listed([...store.otherProviders, ...store.providers.values()].map(providerRow), context, PROVIDERS);
}

/** PropertyMappingSerializer: a scope mapping loses its scope_name and description here. */
function allPropertyMappings(context: RequestContext): ApiResponse {
  const rows = context.store.allPropertyMappings().map(
    ({ pk, managed, name, expression, component, verbose_name, verbose_name_plural, meta_model_name }): PropertyMapping => ({
      pk, managed, name, expression, component, verbose_name, verbose_name_plural, meta_model_name,
    }),
  );
  return listed(rows, context, PROPERTY_MAPPINGS);
}

export const crossTypeListViews: View[] = [
  { name: 'Provider List', pattern: /^\/api\/v3\/providers\/all\/$/, methods: { GET: allProviders } },
  { name: 'Property Mapping List', pattern: /^\/api\/v3\/propertymappings\/all\/$/, methods: { GET: allPropertyMappings } },
];
