// A small, safe glob matcher for `ignore` patterns: `*` (any characters but '/'), `?` (one
// character but '/') and `**` (any number of whole folders). No regular expressions are built from
// user input, and matching is iterative with bounded backtracking, so no pattern can make it slow.

/** Matches one path segment against one pattern segment with `*` and `?` (classic two-pointer). */
function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Matches segment lists where a `**` segment stands for zero or more segments. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  // Dynamic programming over (pattern index, path index): O(|pattern| * |path|).
  let reachable = new Array<boolean>(path.length + 1).fill(false);
  reachable[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any = any || reachable[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reachable[j] && matchSegment(seg, path[j]!)) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[path.length]!;
}

/**
 * A compiled ignore pattern. Patterns are relative to a base folder; a pattern without a '/' matches
 * a file or folder name at any depth (like .gitignore), and a pattern that matches a folder also
 * matches everything under it.
 */
export class Glob {
  private readonly segments: readonly string[];

  constructor(readonly pattern: string) {
    let p = pattern.replace(/\\/g, '/').trim();
    if (p.startsWith('./')) p = p.slice(2);
    if (p.endsWith('/')) p = p.slice(0, -1);
    const anchored = p.startsWith('/') || p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const segs = p.split('/').filter((s) => s !== '');
    // Collapse runs of ** so that the matcher stays small.
    const collapsed: string[] = [];
    for (const s of segs) if (!(s === '**' && collapsed[collapsed.length - 1] === '**')) collapsed.push(s);
    this.segments = anchored ? collapsed : ['**', ...collapsed];
  }

  /** `relPath` is relative to the base folder, with '/' separators. */
  matches(relPath: string): boolean {
    const parts = relPath.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
    if (parts.length === 0 || parts[0] === '..') return false;
    // The path itself or any folder above it.
    for (let n = parts.length; n >= 1; n--) if (matchSegments(this.segments, parts.slice(0, n))) return true;
    return false;
  }
}
