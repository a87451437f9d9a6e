import { MAXGROUPS } from './ast';
import { PythonRaise } from './errors';
import { pythonRepr } from './pythonText';

/** Python's parser state: groups opened and closed, names, the lookbehind being read, forward references. */
export class GroupState {
  flags = 0;
  /** Python's `state.groups`: group 0 plus every group opened so far. */
  groups = 1;
  private readonly closed: boolean[] = [false];
  readonly names = new Map<string, number>();
  /** Number of groups when the outermost lookbehind being read began, or null outside lookbehinds. */
  lookbehindGroups: number | null = null;
  /** Group numbers referred to by `(?(n)…)`, with where; checked once all groups are known. */
  readonly conditionalRefs = new Map<number, number>();

  open(name: string | null): number {
    const index = this.groups++;
    this.closed.push(false);
    if (this.groups > MAXGROUPS) throw new PythonRaise('re.error', 'too many groups', null);
    if (name !== null) {
      const previous = this.names.get(name);
      if (previous !== undefined) {
        throw new PythonRaise('re.error', `redefinition of group name ${pythonRepr(name)} as group ${index}; was group ${previous}`, null);
      }
      this.names.set(name, index);
    }
    return index;
  }

  close(index: number): void {
    this.closed[index] = true;
  }

  isClosed(index: number): boolean {
    return index < this.groups && this.closed[index];
  }
}
