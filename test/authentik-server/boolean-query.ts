/**
 * How a django-filter BooleanFilter reads its query value: true, false, or undefined for "no value",
 * in which case the filter (and a filter method) is skipped. Neither ever answers 400.
 */
export type BooleanQueryWidget = (value: string) => boolean | undefined;

const NULL_BOOLEAN_SELECT = new Map<string, boolean>([
  ['True', true],
  ['true', true],
  ['2', true],
  ['False', false],
  ['false', false],
  ['3', false],
]);

/**
 * Django's NullBooleanSelect, the widget of the plain `django_filters.filters.BooleanFilter` that
 * authentik's FilterSets declare (has_key, has_jwks, managed__isnull, backchannel...): the exact
 * spellings above; "TRUE", "1", "0" and "yes" are no value.
 */
export const nullBooleanSelect: BooleanQueryWidget = (value) => NULL_BOOLEAN_SELECT.get(value);

const BOOLEAN_WIDGET = new Map<string, boolean>([
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);

/**
 * django-filter's BooleanWidget, which the rest_framework FilterSet gives the filters it builds
 * from a view's `filterset_fields` (OAuth2 providers' include_claims_in_id_token): any letter case.
 */
export const booleanWidget: BooleanQueryWidget = (value) => BOOLEAN_WIDGET.get(value.toLowerCase());
