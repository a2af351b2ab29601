import { DomainError } from '../infra/http/domain-error';

export class UploadMissingFile extends DomainError {
  readonly code = 'UPLOAD_MISSING_FILE';
  readonly status = 400;
  constructor() {
    super('Send one file in a multipart/form-data field named "file"');
  }
}

export class UploadTooLarge extends DomainError {
  readonly code = 'UPLOAD_TOO_LARGE';
  readonly status = 413;
  constructor(limitBytes: number, kind?: string) {
    super(`The file is larger than ${Math.floor(limitBytes / 1024)} KB${kind ? ` (the limit for a ${kind})` : ''}`, {
      limitBytes,
      ...(kind ? { kind } : {}),
    });
  }
}

export class UploadTypeUnsupported extends DomainError {
  readonly code = 'UPLOAD_TYPE_UNSUPPORTED';
  readonly status = 415;
  constructor(message: string, allowed: readonly string[]) {
    super(message, { allowed });
  }
}

export class UploadMalformed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly status = 400;
  constructor() {
    super('The multipart body is not valid');
  }
}
