import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { UsageError } from './exit-codes';

/** Returns whether a path names an existing folder. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Returns the names of the `.yaml` and `.yml` files directly inside a folder, sorted. */
export function yamlFileNamesOf(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')))
    .map((entry) => entry.name)
    .sort();
}

/** Returns the `.yaml` and `.yml` files directly inside a folder, sorted by name, or throws a usage error when it has none. */
export function workflowFilesOf(folder: string): string[] {
  const files = yamlFileNamesOf(folder).map((name) => join(folder, name));
  if (files.length === 0) {
    throw new UsageError(`Folder '${folder}' contains no .yaml or .yml file: pass a folder with workflow files, or the files themselves.`);
  }

  return files;
}

/**
 * Replaces each folder among the arguments with its workflow files, not
 * recursively, and keeps every other argument as given.
 */
export function expandWorkflowFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => (isFolder(path) ? workflowFilesOf(path) : [path]));
}

/** Throws a usage error when a command that takes one workflow file is given a folder. */
export function requireWorkflowFile(path: string, command: string): void {
  if (!isFolder(path)) return;

  const [first] = yamlFileNamesOf(path);
  const fix = first ? `pass one of its files, such as ${join(path, first)}` : 'pass the path of a workflow file';
  throw new UsageError(`'${path}' is a folder, but '${command}' takes one workflow file: ${fix}.`);
}
