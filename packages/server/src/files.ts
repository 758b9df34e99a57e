// The server's file access: finding policy files in the workspace folders, so that references
// and policy sets reach files that are not open, decoded as `attls` decodes them. Nothing outside
// the workspace folders is read, and no edit is returned for a file outside them. Passed in, so
// tests can use a fake or none.
import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileRead } from '@attls/language';
import {
  applySequenceNumbers,
  decodeText,
  fileNameKind,
  isEnvironmentText,
  isRefusal,
  looksLikePolicy,
  MAX_INPUT_BYTES,
  oversizedReason,
  prepareEditorText,
  type SequenceNumbers,
} from '@attls/language/input';

export interface FileAccess {
  /**
   * A file's text, decoded as `attls` decodes it (IBM-1047 downloads, UTF-16, records, sequence
   * numbers blanked out); rejects, with the reason as the message, for a file that is no text.
   */
  readFile(path: string): Promise<string>;
  readdir(path: string): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean }[]>;
  size(path: string): Promise<number>;
  /** The path with every symbolic link resolved; without it, paths are taken as written. */
  realpath?(path: string): Promise<string>;
  /** Whether the path (links followed) is a regular file; without it, it is taken to be one. */
  isFile?(path: string): Promise<boolean>;
}

export const nodeFiles: FileAccess = {
  readFile: async (p) => {
    const d = decodeText(await fs.readFile(p));
    if (isRefusal(d)) throw Object.assign(new Error(d.refused), { code: 'EREFUSED' });
    return d.text;
  },
  readdir: (p) => fs.readdir(p, { withFileTypes: true }),
  size: async (p) => (await fs.stat(p)).size,
  realpath: (p) => fs.realpath(p),
  isFile: async (p) => (await fs.stat(p)).isFile(),
};

/** Limits that keep a scan of a large folder (a home directory opened by mistake) cheap. */
export const SCAN_LIMITS = { files: 500, depth: 6, bytes: 4_000_000, entries: 20_000 };

/** The local folders of workspace folder URIs (file: URIs only). */
export function folderPaths(roots: readonly string[]): string[] {
  return roots.filter((r) => r.startsWith('file:')).map((r) => fileURLToPath(r));
}

/** True when `path` is `folder` or inside it (both absolute, as written). */
function within(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** True when a file: URI is inside one of the folders (as written; links are checked on reading). */
export function insideFolders(uri: string, folders: readonly string[]): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    const path = fileURLToPath(uri);
    return folders.some((f) => within(path, f));
  } catch {
    return false;
  }
}

/**
 * Reads a file only when it is inside one of `folders` (and inside `inside`, when given) once its
 * symbolic links are resolved, is a regular file and no larger than a policy can be: the refusal
 * otherwise says why, as `attls lint` says it. Undefined when the file does not exist.
 */
export async function readInside(files: FileAccess, path: string, folders: readonly string[], inside?: string): Promise<FileRead> {
  const outside = { refused: 'it is outside the workspace folders, where the language server reads nothing' };
  // A path outside as written is not even looked at.
  if (!folders.some((f) => within(path, f))) return outside;
  let size: number;
  try {
    size = await files.size(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : { refused: (e as Error)?.message ?? String(e) };
  }
  const real = files.realpath ? await files.realpath(path).catch(() => path) : path;
  const realFolder = async (f: string): Promise<string> => (files.realpath ? files.realpath(f).catch(() => f) : f);
  const allowed = await Promise.all(folders.map(realFolder));
  if (!allowed.some((f) => within(real, f))) return outside;
  if (inside !== undefined && !within(real, await realFolder(inside))) return { refused: `it leads to ${real}, outside ${inside} (the folder standing for the z/OS root)` };
  if (files.isFile && !(await files.isFile(path).catch(() => false))) return { refused: 'not a regular file' };
  if (size > MAX_INPUT_BYTES) return { refused: oversizedReason(size) };
  try {
    return await files.readFile(path);
  } catch (e) {
    return { refused: (e as Error)?.message ?? String(e) };
  }
}

/**
 * The saved text of a workspace file: undefined when it is not a file: URI, lies outside the
 * folders, cannot be read or is larger than the scan takes.
 */
export async function readPolicyFile(files: FileAccess, uri: string, folders?: readonly string[]): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    if ((await files.size(path)) > SCAN_LIMITS.bytes) return undefined;
    if (folders) {
      const r = await readInside(files, path, folders);
      return typeof r === 'string' ? r : undefined;
    }
    return await files.readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * Policy files under the workspace folders (file: URIs only), within SCAN_LIMITS: by name as
 * `attls lint` finds them in a folder, and files without an extension (data set members) by their
 * content. Symbolic links are not followed, so the scan stays inside the folders.
 */
export async function loadWorkspaceFiles(files: FileAccess, roots: readonly string[]): Promise<{ uri: string; text: string }[]> {
  const out: { uri: string; text: string }[] = [];
  const folders = folderPaths(roots);
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
      else if (e.isFile()) {
        const kind = fileNameKind(e.name);
        if (kind === 'other') continue;
        const uri = pathToFileURL(path).href;
        const text = await readPolicyFile(files, uri, folders);
        if (text === undefined) continue;
        if (kind === 'content' && !looksLikePolicy(text.slice(0, 16384)) && !isEnvironmentText(text.slice(0, 65536))) continue;
        out.push({ uri, text });
      }
    }
  };
  for (const folder of folders) await walk(folder, 0);
  return out;
}

/** The folders a configuration may lead the server to: the workspace folders, or without any, the configuration's own folder. */
export function readableFolders(roots: readonly string[], configUri: string): string[] {
  const folders = folderPaths(roots);
  return folders.length > 0 || !configUri.startsWith('file:') ? folders : [dirname(fileURLToPath(configUri))];
}

/**
 * An open document as the server analyses it: sequence numbers in columns 73-80 blanked out (the
 * same length, so every position the editor sends stays right), kept to be put back.
 */
export class EditorTexts {
  private readonly numbers = new Map<string, SequenceNumbers>();
  private readonly notes = new Map<string, ReturnType<typeof prepareEditorText>['notes']>();

  prepare(uri: string, text: string): string {
    const p = prepareEditorText(text);
    if (p.sequence) {
      this.numbers.set(uri, p.sequence);
      this.notes.set(uri, p.notes);
    } else {
      this.numbers.delete(uri);
      this.notes.delete(uri);
    }
    return p.text;
  }

  forget(uri: string): void {
    this.numbers.delete(uri);
    this.notes.delete(uri);
  }

  /** What reading the document found (sequence numbers ignored), for its diagnostics. */
  notesOf(uri: string): ReturnType<typeof prepareEditorText>['notes'] {
    return this.notes.get(uri) ?? [];
  }

  /**
   * A formatted text (computed on the blanked text) with the document's sequence numbers put back,
   * as edits of the editor's own text; the edits as they are when the document has none, or when
   * a line no longer fits in columns 1-72 (then nothing is changed).
   */
  restore<E extends { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>(uri: string, editorText: string, blanked: string, edits: readonly E[]): E[] {
    const seq = this.numbers.get(uri);
    if (!seq || edits.length === 0) return [...edits];
    const formatted = applyLineEdits(blanked, edits);
    const eol = /\r\n/.test(editorText) ? '\r\n' : '\n';
    let lines = formatted.split(/\r\n|\r|\n/);
    const final = lines.length > 1 && lines[lines.length - 1] === '';
    if (final) lines = lines.slice(0, -1);
    if (lines.some((l) => l.trimEnd().length > 72)) return [];
    const text = applySequenceNumbers(lines, seq).join(eol) + (final ? eol : '');
    const oldLines = editorText.split(/\r\n|\r|\n/);
    const end = { line: oldLines.length - 1, character: oldLines[oldLines.length - 1]!.length };
    return [{ range: { start: { line: 0, character: 0 }, end }, newText: text } as E];
  }
}

/** Applies LSP edits (non-overlapping, any order) to a text. */
function applyLineEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
