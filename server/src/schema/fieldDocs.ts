import { FieldInfo } from './fields';
import { REFERENCE_FIELDS } from './referenceFields';

/** A field's type in a few words, as completion shows it: `list of UUIDs`, `confidential | public`, `duration`. */
export function typeLabel(field: FieldInfo): string {
  if (field.isUuidList) return 'list of UUIDs';
  if (field.isUuid) return field.nullable ? 'UUID or null' : 'UUID';
  if (field.enumValues) return field.enumValues.join(' | ');
  if (field.isDuration) return 'duration';
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
export function fieldDocumentation(field: FieldInfo): string {
  const facts: string[] = [field.required ? '**required**' : 'optional'];
  if (field.isUuidList) facts.push('list of UUIDs');
  else if (field.isUuid) facts.push(field.nullable ? 'UUID or `null`' : 'UUID');
  else facts.push(field.isDuration ? 'duration string' : field.type);
  if (field.enumValues) facts.push(`one of ${field.enumValues.map((v) => `\`${v}\``).join(', ')}`);
  if (field.minLength) facts.push('non-empty');
  if (field.maxLength) facts.push(`at most ${field.maxLength} characters`);
  if (field.defaultValue !== undefined && field.defaultValue !== '') facts.push(`server default \`${String(field.defaultValue)}\``);
  const lines = [facts.join(' · ')];
  const description = COMPLETED_DESCRIPTIONS[field.key] ?? field.description;
  if (description) lines.push(description);
  if (field.isDuration) lines.push('Units: `microseconds`, `milliseconds`, `seconds`, `minutes`, `hours`, `days`, `weeks`, joined by `;` without spaces.');
  const reference = REFERENCE_FIELDS[field.key];
  if (reference) lines.push(`Refers to: ${reference.label}${field.isUuidList ? 's' : ''} on the server, by UUID.`);
  return lines.join('\n\n');
}
