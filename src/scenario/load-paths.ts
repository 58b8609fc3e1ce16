// Resolving `extends: ../base.yaml` against the file that says it, with '/'-separated paths
// and no node:path, so the loader runs in the browser too.

/** The directory part of a path ('' for a bare file name). */
export function dirname(path: string): string {
  const i = path.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1 === 1 ? 1 : i);
}

/** `rel` resolved against the directory of `from`, normalised ('a/./b/../c' → 'a/c'). */
export function resolveRelative(from: string, rel: string): string {
  const r = rel.replace(/\\/g, '/');
  if (r.startsWith('/')) return normalize(r);
  const dir = dirname(from);
  return normalize(dir ? `${dir}/${r}` : r);
}

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
