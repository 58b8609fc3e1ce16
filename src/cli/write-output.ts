// `--out FILE`: written whole or not at all. The text goes to a temporary file beside the
// target (same directory, so same file system) and is renamed over it; on any failure the
// temporary file is removed and the target is untouched. A target that is not a regular
// file — /dev/null, /dev/stdout, a named pipe — is written to directly: renaming over it
// would replace the device with a file.
import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.ts';

export function writeFileAtomic(path: string, text: string): void {
  if (isSpecial(path)) {
    try {
      writeFileSync(path, text);
      return;
    } catch (e) {
      throw new UsageError(`--out ${path}: expected a writable file path: ${reason(e)}`);
    }
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw new UsageError(`--out ${path}: expected a writable file path: ${reason(e)}`);
  }
}

/** Whether `path` exists and is something other than a regular file or a directory. */
function isSpecial(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
}
