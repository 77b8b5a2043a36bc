// Every route goes through the CommandBus or QueryBus (ADR 0013): a controller gets nothing else
// injected, and imports no query function, data source or event store to go around its handlers.
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../apps/api/src/', import.meta.url));
const CONTROLLER_FILES = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.controller.ts'));

/** Packages whose functions reach the stores; their classes (entities as API types) and constants may be imported. */
const DATA_PACKAGES = ['@banenpool/read-models', '@banenpool/audit', '@banenpool/event-store'];
/** Turns an answer into text/csv: presentation, reaching no store. */
const RENDERING = ['historyCsv'];

const isClass = (value: unknown) => typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));

function namedImports(source: string, from: string): string[] {
  const pattern = new RegExp(`import\\s+(type\\s+)?\\{([^}]*)\\}\\s*from\\s*'${from}'`, 'g');
  return [...source.matchAll(pattern)]
    .filter(([, typeOnly]) => !typeOnly)
    .flatMap(([, , names]) => names.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '' && !name.startsWith('type '));
}

describe('controllers dispatch through the CommandBus or QueryBus', () => {
  it('finds the controllers', () => {
    expect(CONTROLLER_FILES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CONTROLLER_FILES)('%s injects only the buses', async (file) => {
    const exports: Record<string, unknown> = await import(`${SRC}${file}`);
    const isController = (value: unknown) => isClass(value) && Reflect.getMetadata('path', value as object) !== undefined;
    const controllers = Object.values(exports).filter(isController);
    expect(controllers).not.toHaveLength(0);
    for (const controller of controllers) {
      const injected: unknown[] = Reflect.getMetadata('design:paramtypes', controller as object) ?? [];
      expect(injected.filter((type) => type !== CommandBus && type !== QueryBus)).toEqual([]);
      expect(Reflect.getMetadata('self:paramtypes', controller as object) ?? []).toEqual([]);
    }
  });

  it.each(CONTROLLER_FILES)('%s imports no data source, event store or query function', async (file) => {
    const source = readFileSync(`${SRC}${file}`, 'utf8');
    expect(source).not.toMatch(/from 'typeorm'|EVENT_STORE|POSTGRES_CONNECTION/);
    for (const from of DATA_PACKAGES) {
      const module: Record<string, unknown> = await import(from);
      const functions = namedImports(source, from).filter((name) => typeof module[name] === 'function' && !isClass(module[name]));
      expect({ from, functions: functions.filter((name) => !RENDERING.includes(name)) }).toEqual({ from, functions: [] });
    }
  });
});
