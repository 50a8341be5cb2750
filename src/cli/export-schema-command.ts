/**
 * `discograph export-schema`: writes the GraphQL SDL (or, with --introspection, the
 * introspection result as JSON) to a file or standard output.
 */
import { writeFileSync } from 'node:fs';
import { getIntrospectionQuery, graphqlSync } from 'graphql';
import { COMMON_HELP, parseCommandArgs } from './cli-args.js';
import type { CommandIo } from './command-io.js';
import { withServedSchema } from './served-schema.js';

/** Usage of `discograph export-schema`. */
export const EXPORT_SCHEMA_HELP = `Usage: discograph export-schema [options]

Writes the GraphQL schema the gateway serves, as SDL (sorted, stable) or as introspection JSON.

Options:
  --out FILE           write to FILE instead of standard output
  --introspection      write the introspection result (JSON) instead of SDL
  --from-cache         build from the schema cache instead of discovering the database

${COMMON_HELP}`;

/** Runs `discograph export-schema`. */
export async function exportSchemaCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    out: { type: 'string' },
    introspection: { type: 'boolean' },
    'from-cache': { type: 'boolean' },
  });
  if (values.help) {
    io.out(EXPORT_SCHEMA_HELP);
    return 0;
  }
  return withServedSchema(values, io, async ({ built }) => {
    let text = built.sdl;
    if (values.introspection) {
      const result = graphqlSync({
        schema: built.schema,
        source: getIntrospectionQuery({ descriptions: true }),
      });
      text = `${JSON.stringify(result, null, 2)}\n`;
    }
    if (typeof values.out === 'string') {
      writeFileSync(values.out, text.endsWith('\n') ? text : `${text}\n`);
      io.err(`wrote the ${values.introspection ? 'introspection JSON' : 'SDL'} to ${values.out}`);
    } else {
      io.out(text.replace(/\n$/, ''));
    }
    return 0;
  });
}
