import { isCollection, isPair, parseDocument } from 'yaml';

/** A string as a YAML scalar: plain where it reads back as the same string, else double-quoted (JSON escapes are YAML escapes). */
export function scalarText(value: string): string {
  if (value !== '' && !/[\r\n\t]/.test(value) && value.trim() === value) {
    const doc = parseDocument(value, { logLevel: 'silent' });
    if (doc.errors.length === 0 && doc.warnings.length === 0 && doc.contents !== null && doc.toJS() === value) {
      const contents = doc.contents as { type?: string };
      if (contents.type === 'PLAIN') return value;
    }
  }
  return JSON.stringify(value);
}

/** Every comment held by a node and what it contains (`#` texts without the `#`), in document order. */
export function commentsWithin(node: unknown): string[] {
  const found: string[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const withComments = n as { commentBefore?: string | null; comment?: string | null };
    if (withComments.commentBefore) found.push(...withComments.commentBefore.split('\n'));
    if (isPair(n)) {
      visit(n.key);
      visit(n.value);
    } else if (isCollection(n)) {
      for (const item of n.items) visit(item);
    }
    if (withComments.comment) found.push(...withComments.comment.split('\n'));
  };
  visit(node);
  return found;
}

/** `# text` lines, each at `indent`, each followed by `eol`. */
export function commentLines(comments: readonly string[], indent: string, eol: string): string {
  return comments.map((c) => `${indent}#${c}${eol}`).join('');
}
