import { AwsLocation } from '../aws-names';
import { NAME_PROPERTIES, physicalResource } from './physical-ids';
import { CfnTemplate, PhysicalResource } from './template-types';

/** Marks a value removed by `Ref: AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

const AVAILABILITY_ZONES = ['a', 'b', 'c'];

export class IntrinsicFunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicFunctionError';
  }
}

/**
 * Resolves CloudFormation intrinsic functions and pseudo parameters in a
 * template to the names and ARNs that the resources have locally.
 * References the runtime cannot resolve (for example `Fn::ImportValue`)
 * become a placeholder string and a message in `warnings`.
 */
export class IntrinsicResolver {
  readonly warnings: string[] = [];
  private readonly physicalIds = new Map<string, PhysicalResource>();
  private readonly resolving = new Set<string>();

  constructor(
    private readonly template: CfnTemplate,
    private readonly stackName: string,
    private readonly location: AwsLocation,
  ) {}

  /** Resolves every intrinsic function inside `value`, recursively. */
  resolve(value: unknown): unknown {
    const resolved = this.resolveValue(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Resolves `value` and requires a string result. */
  resolveString(value: unknown, where: string): string {
    const resolved = this.resolve(value);
    if (typeof resolved !== 'string' && typeof resolved !== 'number') {
      throw new IntrinsicFunctionError(`${where} resolved to ${JSON.stringify(resolved)}, but a string is required.`);
    }
    return String(resolved);
  }

  ref(name: string): string | string[] | typeof NO_VALUE {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) {
      return pseudo;
    }

    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      return this.parameterValue(name, parameter.Default);
    }

    return this.physical(name).ref;
  }

  getAtt(logicalId: string, attribute: string): string {
    const physical = this.physical(logicalId);
    const value = physical.attributes[attribute];

    if (value === undefined) {
      const type = this.template.Resources?.[logicalId]?.Type;
      this.warnings.push(`Fn::GetAtt ${logicalId}.${attribute} of ${type} has no local value, so it resolves to a placeholder.`);
      return `${logicalId}.${attribute}`;
    }
    return value;
  }

  /** Evaluates a named entry of the template's `Conditions`. */
  condition(name: string): boolean {
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) {
      throw new IntrinsicFunctionError(`Condition '${name}' is not defined in the template's Conditions.`);
    }
    return this.conditionValue(expression);
  }

  physical(logicalId: string): PhysicalResource {
    const cached = this.physicalIds.get(logicalId);
    if (cached) {
      return cached;
    }

    const resource = this.template.Resources?.[logicalId];
    if (!resource) {
      throw new IntrinsicFunctionError(`Resource '${logicalId}' is referenced but not defined in the template.`);
    }
    if (this.resolving.has(logicalId)) {
      throw new IntrinsicFunctionError(`Resource '${logicalId}' refers to its own name through a cycle of references.`);
    }

    this.resolving.add(logicalId);
    const nameProperty = NAME_PROPERTIES[resource.Type];
    const nameValue = nameProperty ? resource.Properties?.[nameProperty] : undefined;
    const explicitName = nameValue === undefined ? undefined : this.resolveString(nameValue, `${logicalId}.${nameProperty}`);
    this.resolving.delete(logicalId);

    const physical = physicalResource(logicalId, resource, this.stackName, this.location, explicitName);
    this.physicalIds.set(logicalId, physical);
    return physical;
  }

  private resolveValue(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.resolveValue(item)).filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }

    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, argument] = entries[0];
      if (key === 'Ref') {
        return this.ref(String(argument));
      }
      if (key.startsWith('Fn::') || key === 'Condition') {
        return this.intrinsic(key, argument);
      }
    }

    const result: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = this.resolveValue(item);
      if (resolved !== NO_VALUE) {
        result[key] = resolved;
      }
    }
    return result;
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Fn::GetAtt':
        return this.fnGetAtt(argument);
      case 'Fn::Join':
        return this.fnJoin(argument);
      case 'Fn::Sub':
        return this.fnSub(argument);
      case 'Fn::Select':
        return this.fnSelect(argument);
      case 'Fn::Split':
        return this.fnSplit(argument);
      case 'Fn::If':
        return this.fnIf(argument);
      case 'Fn::FindInMap':
        return this.fnFindInMap(argument);
      case 'Fn::Base64':
        return Buffer.from(String(this.resolveValue(argument))).toString('base64');
      case 'Fn::GetAZs':
        return AVAILABILITY_ZONES.map((zone) => `${this.location.region}${zone}`);
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolveValue(argument));
      case 'Fn::Length':
        return (this.resolveValue(argument) as unknown[]).length;
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition':
        return this.conditionValue({ [name]: argument });
      default:
        this.warnings.push(`${name} is not supported locally, so it resolves to a placeholder.`);
        return `${name}:${JSON.stringify(argument)}`;
    }
  }

  private fnGetAtt(argument: unknown): string {
    const [logicalId, ...attribute] = Array.isArray(argument)
      ? argument.map((part) => String(this.resolveValue(part)))
      : String(argument).split('.');
    return this.getAtt(logicalId, attribute.join('.'));
  }

  private fnJoin(argument: unknown): string {
    const [delimiter, list] = argument as [string, unknown];
    const items = this.resolveValue(list) as unknown[];
    return items.map((item) => String(item)).join(delimiter);
  }

  private fnSub(argument: unknown): string {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    const values = this.resolveValue(variables) as Record<string, unknown>;

    return String(text).replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, name: string) => {
      if (literal) {
        return `\${${name}}`;
      }
      if (name in values) {
        return String(values[name]);
      }
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const [logicalId, ...attribute] = name.split('.');
        return this.getAtt(logicalId, attribute.join('.'));
      }
      return String(this.ref(name));
    });
  }

  private fnSelect(argument: unknown): unknown {
    const [index, list] = argument as [unknown, unknown];
    const items = this.resolveValue(list) as unknown[];
    const position = Number(this.resolveValue(index));

    if (!Number.isInteger(position) || position < 0 || position >= items.length) {
      throw new IntrinsicFunctionError(`Fn::Select index ${position} is outside the list of ${items.length} items.`);
    }
    return items[position];
  }

  private fnSplit(argument: unknown): string[] {
    const [delimiter, text] = argument as [string, unknown];
    return String(this.resolveValue(text)).split(delimiter);
  }

  private fnIf(argument: unknown): unknown {
    const [conditionName, whenTrue, whenFalse] = argument as [string, unknown, unknown];
    return this.resolveValue(this.condition(conditionName) ? whenTrue : whenFalse);
  }

  private fnFindInMap(argument: unknown): unknown {
    const [mapName, topKey, secondKey] = (argument as unknown[]).map((part) => String(this.resolveValue(part)));
    const value = this.template.Mappings?.[mapName]?.[topKey]?.[secondKey];

    if (value === undefined) {
      throw new IntrinsicFunctionError(`Fn::FindInMap found no value at ${mapName}.${topKey}.${secondKey}.`);
    }
    return value;
  }

  private conditionValue(expression: unknown): boolean {
    if (typeof expression === 'boolean') {
      return expression;
    }

    const [name, argument] = Object.entries(expression as Record<string, unknown>)[0] ?? [];
    const operands = Array.isArray(argument) ? argument : [argument];
    switch (name) {
      case 'Fn::Equals':
        return JSON.stringify(this.resolveValue(operands[0])) === JSON.stringify(this.resolveValue(operands[1]));
      case 'Fn::And':
        return operands.every((operand) => this.conditionValue(operand));
      case 'Fn::Or':
        return operands.some((operand) => this.conditionValue(operand));
      case 'Fn::Not':
        return !this.conditionValue(operands[0]);
      case 'Condition':
        return this.condition(String(argument));
      default:
        throw new IntrinsicFunctionError(`${JSON.stringify(expression)} is not a condition function.`);
    }
  }

  private pseudoParameter(name: string): string | string[] | typeof NO_VALUE | undefined {
    const { region, accountId } = this.location;

    switch (name) {
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${region}:${accountId}:stack/${this.stackName}/local`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  private parameterValue(name: string, defaultValue: unknown): string {
    if (defaultValue === undefined) {
      throw new IntrinsicFunctionError(`Parameter '${name}' has no Default, and the local runtime takes no parameter values.`);
    }
    return String(defaultValue);
  }
}
