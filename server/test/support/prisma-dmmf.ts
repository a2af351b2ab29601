import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a Prisma schema's full model description (DMMF) offline, with the schema wasm module that ships
 * inside the `prisma` CLI package (`prisma/build/prisma_schema_build_bg.wasm`, the same code as
 * `@prisma/prisma-schema-wasm`). Neither `@prisma/internals` nor `@prisma/prisma-schema-wasm` is installed,
 * and the generated client's runtime data model lacks native types, defaults and indexes.
 *
 * The few lines of wasm-bindgen glue below mirror the glue bundled in `prisma/build/cli.js` for the pinned
 * prisma version; if a prisma upgrade changes the wasm's imports, {@link loadSchemaWasm} says so.
 */

/** The parts of Prisma's DMMF the drift check reads. */
export interface Dmmf {
  datamodel: {
    enums: DmmfEnum[];
    models: DmmfModel[];
    indexes: DmmfIndex[];
  };
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: Array<{ name: string; dbName?: string | null }>;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  /** e.g. `["VarChar", ["64"]]` for `@db.VarChar(64)`. */
  nativeType?: [string, string[]] | null;
  /** A literal, or a function call like `{ name: 'now', args: [] }`. */
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  fields: Array<{ name: string; sortOrder?: 'asc' | 'desc'; length?: number }>;
}

interface WasmExports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_externrefs: { get(i: number): unknown; set(i: number, v: unknown): void; grow(n: number): number };
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, len: number, align: number): void;
  __externref_table_dealloc(i: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(m: object): Array<{ module: string; name: string }> };
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
}

let wasm: WasmExports | undefined;
let lastPanic = '';

/** Parses `schemaText` into Prisma's DMMF; throws Prisma's own validation message for an invalid schema. */
export function getDmmf(schemaText: string): Dmmf {
  const ex = loadSchemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schemaText, noColor: true }));
  const ptr = ex.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(ex.memory.buffer).set(input, ptr);
  let result: [number, number, number, number];
  try {
    result = ex.get_dmmf(ptr, input.length);
  } catch (error) {
    throw new Error(`Prisma schema wasm panicked: ${lastPanic || (error as Error).message}`, { cause: error });
  }
  const [outPtr, outLen, errorRef, failed] = result;
  if (failed) {
    const error = ex.__wbindgen_externrefs.get(errorRef);
    ex.__externref_table_dealloc(errorRef);
    throw error instanceof Error
      ? new Error(`Invalid Prisma schema: ${error.message}`)
      : new Error('Invalid Prisma schema');
  }
  try {
    return JSON.parse(readString(ex, outPtr, outLen)) as Dmmf;
  } finally {
    ex.__wbindgen_free(outPtr, outLen, 1);
  }
}

/** Instantiates the schema wasm once per process. */
function loadSchemaWasm(): WasmExports {
  if (wasm) return wasm;
  const file = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'prisma_schema_build_bg.wasm');
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const module = new api.Module(fs.readFileSync(file));
  const glue: Record<string, (...args: number[]) => unknown> = {
    Error: (p, l) => new Error(readString(wasm!, p, l)),
    __wbindgen_throw: (p, l) => {
      throw new Error(readString(wasm!, p, l));
    },
    set_message: (p, l) => {
      lastPanic = readString(wasm!, p, l);
    },
  };
  const imports: Record<string, unknown> = {};
  for (const entry of api.Module.imports(module)) {
    if (entry.name === '__wbindgen_init_externref_table') {
      imports[entry.name] = () => {
        const table = wasm!.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        table.set(base, undefined);
        table.set(base + 1, null);
        table.set(base + 2, true);
        table.set(base + 3, false);
      };
      continue;
    }
    const key = Object.keys(glue).find((k) => entry.name.startsWith(`__wbg_${k}_`));
    if (!key) {
      throw new Error(
        `${file} imports ${entry.module}.${entry.name}, which this loader does not provide; ` +
          `the prisma package changed: update server/test/support/prisma-dmmf.ts from the glue in prisma/build/cli.js`,
      );
    }
    imports[entry.name] = glue[key];
  }
  // The imports above read `wasm`, so it is set before the module's start function runs.
  const instance = new api.Instance(module, { __wbindgen_placeholder__: imports }).exports as WasmExports;
  wasm = instance;
  instance.__wbindgen_start();
  return instance;
}

function readString(ex: WasmExports, ptr: number, len: number): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(ex.memory.buffer, ptr >>> 0, len));
}
