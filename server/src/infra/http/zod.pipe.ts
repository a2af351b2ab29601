import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailed, type FieldIssue } from './domain-error';

/** Turns zod issues into the `details.fields` list of a VALIDATION_FAILED error. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses a value with a shared schema or throws VALIDATION_FAILED listing the fields. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailed(fieldIssues(result.error));
  return result.data;
}

/** `@Body(zod(Schema))`, `@Query(zod(Schema))`, `@Param(zod(Schema))`. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    return parseInput(this.schema, value ?? {});
  }
}

export const zod = <T extends z.ZodType>(schema: T) => new ZodPipe(schema);
