import * as fs from 'node:fs';
import * as path from 'node:path';

import { LOCAL_LOCATION, AwsLocation } from '../aws-names';
import { readStack } from './read-stack';
import { StackResources } from './stack-resources';
import { CfnTemplate } from './template-types';

interface ManifestArtifact {
  type: string;
  displayName?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
}

interface Manifest {
  artifacts?: Record<string, ManifestArtifact>;
}

export class AssemblyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssemblyError';
  }
}

export interface StackTemplate {
  stackName: string;
  templatePath: string;
  /** Folder against which the template's asset paths resolve. */
  assemblyDir: string;
}

/**
 * Reads every stack of a cloud assembly (a `cdk synth` output folder) with
 * its resources resolved to local names and ARNs.
 */
export function readAssembly(assemblyDir: string, location: AwsLocation = LOCAL_LOCATION): StackResources[] {
  return findStackTemplates(assemblyDir).map((stack) =>
    readStack({
      ...stack,
      template: JSON.parse(fs.readFileSync(stack.templatePath, 'utf8')) as CfnTemplate,
      location,
    }),
  );
}

/**
 * Lists the stack templates named in the assembly's `manifest.json`,
 * including those of nested assemblies (CDK stages). Without a manifest,
 * every `*.template.json` file of the folder is a stack.
 */
export function findStackTemplates(assemblyDir: string): StackTemplate[] {
  const manifestPath = path.join(assemblyDir, 'manifest.json');

  if (!fs.existsSync(assemblyDir)) {
    throw new AssemblyError(`Cloud assembly folder ${assemblyDir} does not exist. Run 'npx cdk synth' first.`);
  }
  if (!fs.existsSync(manifestPath)) {
    return fs
      .readdirSync(assemblyDir)
      .filter((file) => file.endsWith('.template.json'))
      .map((file) => ({
        stackName: file.slice(0, -'.template.json'.length),
        templatePath: path.join(assemblyDir, file),
        assemblyDir,
      }));
  }

  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  return Object.entries(manifest.artifacts ?? {}).flatMap(([artifactId, artifact]) =>
    stackTemplatesOf(assemblyDir, artifactId, artifact),
  );
}

function stackTemplatesOf(assemblyDir: string, artifactId: string, artifact: ManifestArtifact): StackTemplate[] {
  const properties = artifact.properties ?? {};

  if (artifact.type === 'cdk:cloud-assembly' && properties.directoryName) {
    return findStackTemplates(path.join(assemblyDir, properties.directoryName));
  }
  if (artifact.type !== 'aws:cloudformation:stack' || !properties.templateFile) {
    return [];
  }
  return [
    {
      stackName: properties.stackName ?? artifactId,
      templatePath: path.join(assemblyDir, properties.templateFile),
      assemblyDir,
    },
  ];
}
