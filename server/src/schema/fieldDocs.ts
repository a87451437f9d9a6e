import { isDuration, isReferenceList, isUuidReference, RequestField } from './fields';

/** What one item of a reference list is named by. */
function pkWord(field: RequestField, plural: boolean): string {
  if (field.reference?.pk === 'integer') return plural ? 'integer pks' : 'integer pk';
  return plural ? 'UUIDs' : 'UUID';
}

/** A field's type in a few words, as completion shows it: `list of UUIDs`, `confidential | public`, `duration`. */
export function typeLabel(field: RequestField): string {
  if (isReferenceList(field)) return `list of ${pkWord(field, true)}`;
  if (isUuidReference(field)) return field.nullable ? 'UUID or null' : 'UUID';
  if (field.enumValues) return field.enumValues.join(' | ');
  if (field.type === 'array' && field.item?.enumValues) return `list of ${field.item.enumValues.join(' | ')}`;
  if (field.type === 'array' && field.item?.fields) return `list of {${field.item.fields.filter((f) => f.required).map((f) => f.key).join(', ')}}`;
  if (isDuration(field)) return 'duration';
  return field.type;
}

/**
 * Descriptions that authentik's schema ships cut short (the schema files keep authentik's text as it is);
 * hover and completion show these instead.
 */
const COMPLETED_DESCRIPTIONS: Readonly<Record<string, string>> = {
  client_type:
    'Confidential clients are capable of maintaining the confidentiality of their credentials, such as the client secret (an application running on a server). Public clients are incapable of it (an application in a browser or on a device): they use no client secret.',
};

/** Markdown describing a field: type, allowed values, server default and the schema's description. */
export function fieldDocumentation(field: RequestField): string {
  const facts: string[] = [field.required ? '**required**' : 'optional'];
  if (isReferenceList(field)) facts.push(`list of ${pkWord(field, true)}`);
  else if (isUuidReference(field)) facts.push(field.nullable ? 'UUID or `null`' : 'UUID');
  else if (field.type === 'array' && field.item?.fields) facts.push(typeLabel(field));
  else facts.push(isDuration(field) ? 'duration string' : field.type);
  const choices = field.enumValues ?? (field.type === 'array' ? field.item?.enumValues : undefined);
  if (choices) facts.push(`${field.enumValues ? 'one' : 'each'} of ${choices.map((v) => `\`${v}\``).join(', ')}`);
  if (field.minLength) facts.push('non-empty');
  if (field.maxLength) facts.push(`at most ${field.maxLength} characters`);
  const fallback = field.defaultValue;
  if (fallback !== undefined && fallback !== '' && !(Array.isArray(fallback) && fallback.length === 0)) facts.push(`server default \`${Array.isArray(fallback) ? fallback.join(', ') : String(fallback)}\``);
  const lines = [facts.join(' · ')];
  const description = COMPLETED_DESCRIPTIONS[field.key] ?? field.description;
  if (description) lines.push(description);
  if (isDuration(field)) lines.push('Units: `microseconds`, `milliseconds`, `seconds`, `minutes`, `hours`, `days`, `weeks`, joined by `;` without spaces.');
  const reference = field.reference;
  if (reference) lines.push(`Refers to: ${reference.label}${reference.many ? 's' : ''} on the server, by ${pkWord(field, false)}.`);
  return lines.join('\n\n');
}
