/**
 * Text that a repository or a server controls, made safe for the places VS Code renders markup in:
 * it shows as written, never as an icon, a link or a command.
 */

/** For a quick pick's label or a status bar item: `$(name)` would show an icon, so it is escaped to show as written. */
export const literalLabel = (text: string): string => text.replace(/\$\(/g, '\\$(');

/** For a notification: `[text](target)` would be a link (even to a command), so it never forms one. */
export const plainMessage = (text: string): string => text.replace(/\]\(/g, '] (');
