// The server's file access: finding policy files in the workspace folders, so that references
// and policy sets reach files that are not open. Passed in, so tests can use a fake or none.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface FileAccess {
  readFile(path: string): Promise<string>;
  readdir(path: string): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean }[]>;
  size(path: string): Promise<number>;
}

export const nodeFiles: FileAccess = {
  readFile: (p) => fs.readFile(p, 'utf8'),
  readdir: (p) => fs.readdir(p, { withFileTypes: true }),
  size: async (p) => (await fs.stat(p)).size,
};

/** File names treated as policy files in a folder (as `attls lint` does). */
export const POLICY_FILE = /\.(ttls|attls|pagent|policy)$|\.conf$/i;

/** Limits that keep a scan of a large folder (a home directory opened by mistake) cheap. */
export const SCAN_LIMITS = { files: 500, depth: 6, bytes: 4_000_000, entries: 20_000 };

export async function readPolicyFile(files: FileAccess, uri: string): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    if ((await files.size(path)) > SCAN_LIMITS.bytes) return undefined;
    return await files.readFile(path);
  } catch {
    return undefined;
  }
}

/** Policy files under the workspace folders (file: URIs only), within SCAN_LIMITS. */
export async function loadWorkspaceFiles(files: FileAccess, roots: readonly string[]): Promise<{ uri: string; text: string }[]> {
  const out: { uri: string; text: string }[] = [];
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > SCAN_LIMITS.depth || out.length >= SCAN_LIMITS.files || entries >= SCAN_LIMITS.entries) return;
    let list;
    try {
      list = await files.readdir(dir);
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of list) {
      if (++entries >= SCAN_LIMITS.entries || out.length >= SCAN_LIMITS.files) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path, depth + 1);
      else if (e.isFile() && POLICY_FILE.test(e.name)) {
        const uri = pathToFileURL(path).href;
        const text = await readPolicyFile(files, uri);
        if (text !== undefined) out.push({ uri, text });
      }
    }
  };
  for (const root of roots) {
    if (!root.startsWith('file:')) continue;
    await walk(fileURLToPath(root), 0);
  }
  return out;
}
