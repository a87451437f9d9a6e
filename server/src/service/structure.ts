import { isMap, isScalar, isSeq, isPair, YAMLError, ParsedNode } from 'yaml';
import { Finding, finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { isMergeKey, isResolvedMergeKey, keyText, lineEnd, rangeOf } from './yamlNodes';

/** Findings about the file's shape: YAML syntax, documents, the top-level mapping and duplicate keys. */
export function structureFindings(parsed: ParsedDocument): Finding[] {
  const findings: Finding[] = [];
  const { text } = parsed;
  // The yaml library turns its own stack overflow (thousands of nested levels) into an error on each level it unwinds: say it once, plainly.
  const tooDeep = parsed.errors.filter((e) => e.code === 'RESOURCE_EXHAUSTION').sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (tooDeep) {
    const start = unreadableRegion(parsed)?.start ?? tooDeep.pos[0];
    findings.push(yamlFinding(text, { ...tooDeep, pos: [start, start] } as YAMLError, 'yaml-syntax', 'The YAML nests too deeply to be read: the parser gave up here. Flatten the structure.'));
  }
  for (const error of parsed.errors) if (error.code !== 'RESOURCE_EXHAUSTION') findings.push(yamlFinding(text, error, 'yaml-syntax'));
  for (const warning of parsed.warnings) findings.push(yamlFinding(text, warning, 'yaml-warning'));

  parsed.documents.slice(1).forEach((doc) => {
    const contents = doc.contents as ParsedNode | null;
    if (contents === null || (isScalar(contents) && contents.value === null && contents.range[0] === contents.range[1])) return; // a trailing `---` adds nothing
    const start = doc.range[0];
    findings.push(finding('multiple-documents', {
      message: 'More than one YAML document: keep one provider per file. Only the first document is used.',
      start,
      end: lineEnd(text, start),
    }));
  });

  const first = parsed.documents[0];
  const contents = first?.contents as ParsedNode | null | undefined;
  if (contents && !isMap(contents)) {
    const [start, end] = rangeOf(contents) ?? [0, 0];
    findings.push(finding('not-a-mapping', {
      message: `Expected a mapping of provider fields (name: ..., authorization_flow: ...), found ${isSeq(contents) ? 'a list' : 'a single value'}.`,
      start,
      end: Math.min(end, lineEnd(text, start)),
    }));
  }
  for (const doc of parsed.documents.slice(0, 1)) findings.push(...keyFindings(doc.contents as ParsedNode | null));
  return findings;
}

/**
 * Merge keys are refused, not resolved: a provider file is the request body itself, and values merged
 * from an anchor are out of sight where the key is read (and in a diff of the key's line).
 */
function mergeKeyFinding(key: ParsedNode, [start, end]: [number, number]): Finding {
  const message = isResolvedMergeKey(key)
    ? 'Merge keys (<<) are not accepted: a provider file is the request body itself, and values merged in from an anchor are hidden from review. Write the keys out in this mapping.'
    : '"<<" is a merge key in YAML 1.1 but an ordinary key in YAML 1.2, which this file is read as: nothing is merged, and the server ignores the key. Merge keys are not accepted either way: write the keys out in this mapping.';
  return finding('merge-key', { message, start, end, data: { key: '<<' } });
}

/**
 * The part of the text the parser could not read, when it ran out of stack: the top-level value (or the
 * whole document) that holds the overflow, up to the next top-level key. Where inside it the parser gave
 * up depends on the stack it had left, which differs between two reads of the same text (so do the ends
 * of the half-read nodes); this part does not.
 */
export function unreadableRegion(parsed: ParsedDocument): { start: number; end: number } | undefined {
  const overflow = parsed.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (!overflow) return undefined;
  const offset = overflow.pos[0];
  const docs = parsed.documents.filter((d) => d.range[0] <= offset);
  const contents = docs.at(-1)?.contents as ParsedNode | null | undefined;
  const docEnd = parsed.documents[docs.length]?.range[0] ?? parsed.text.length;
  if (!contents?.range) return { start: offset, end: docEnd };
  if (!isMap(contents)) return { start: contents.range[0], end: docEnd };
  const pairs = contents.items;
  let index = -1;
  pairs.forEach((pair, i) => {
    const start = rangeOf(pair.key)?.[0] ?? (pair.value as ParsedNode | null)?.range?.[0];
    if (start !== undefined && start <= offset) index = i;
  });
  if (index < 0) return { start: contents.range[0], end: docEnd };
  const value = pairs[index].value as ParsedNode | null;
  const next = pairs[index + 1] ? rangeOf(pairs[index + 1].key)?.[0] : undefined;
  return { start: value?.range?.[0] ?? offset, end: next ?? docEnd };
}

function yamlFinding(text: string, error: YAMLError, code: 'yaml-syntax' | 'yaml-warning', message = error.message): Finding {
  let [start, end] = error.pos;
  start = Math.max(0, Math.min(start, text.length));
  const eol = lineEnd(text, start);
  end = Math.max(start, Math.min(end, eol));
  if (end === start && start < eol) end = start + 1;
  return finding(code, { message, start, end, data: { yamlCode: error.code } });
}

/** Walks every mapping (iteratively: nesting can be thousands deep) and reports each repeated key and each merge key. */
function keyFindings(root: ParsedNode | null): Finding[] {
  const findings: Finding[] = [];
  const stack: unknown[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const firstSeen = new Map<string, [number, number]>();
      for (const pair of node.items) {
        const range = rangeOf(pair.key);
        if (isMergeKey(pair.key)) {
          if (range) findings.push(mergeKeyFinding(pair.key as ParsedNode, range));
          if (pair.value) stack.push(pair.value);
          continue;
        }
        const name = keyText(pair.key);
        const previous = firstSeen.get(name);
        if (range && previous) {
          findings.push(finding('duplicate-key', {
            message: `Duplicate key "${name}": only this last value would be sent.`,
            start: range[0],
            end: range[1],
            data: { key: name },
            related: [{ start: previous[0], end: previous[1], message: `"${name}" first set here` }],
          }));
        } else if (range) {
          firstSeen.set(name, range);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.value);
    }
  }
  return findings;
}
