/**
 * One GraphQL schema per role, built when the role's first request comes and kept (the roles are
 * those configured, so the cache is bounded by the configuration): what the request pipeline
 * serves a request once its caller is known. Each has its own operation cache and plans, so a plan
 * made for one role never serves another. A role without rules — or whose rules let it read
 * nothing — is refused with FORBIDDEN before anything is parsed.
 */
import { GraphQLError } from 'graphql';
import type { RequestState } from '../pipeline/gateway-hooks.js';
import type { PipelineSchema } from '../pipeline/request-pipeline.js';
import { requestRole } from './request-role.js';
import type { RoleRuleBook } from './role-rules.js';

/** Builds the schema of a role; undefined when the role may read no model. */
export type RoleSchemaBuilder = (role: string) => PipelineSchema | undefined;

/** The schemas of the configured roles, each built once. */
export class RoleSchemas {
  private readonly built = new Map<string, PipelineSchema | undefined>();

  constructor(
    private readonly rules: RoleRuleBook,
    private readonly build: RoleSchemaBuilder,
  ) {}

  /** The schema of `role`; throws FORBIDDEN (HTTP 403) for a role that gets nothing. */
  forRole(role: string): PipelineSchema {
    let schema = this.built.get(role);
    if (schema === undefined && !this.built.has(role) && this.rules.knows(role)) {
      schema = this.build(role);
      this.built.set(role, schema);
    }
    if (!schema) {
      throw new GraphQLError(`The role ${role} has no access to this API`, {
        extensions: { code: 'FORBIDDEN', role, http: { status: 403 } },
      });
    }
    return schema;
  }

  /** The schema of the request whose state is `state` (see `requestRole`). */
  forRequest(state: RequestState): PipelineSchema {
    return this.forRole(requestRole(state));
  }
}
