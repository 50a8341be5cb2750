/**
 * The pg_catalog statements PostgreSQL discovery runs: a whole schema (or several) is read in
 * four statements whatever its size (context, relations, columns, constraints), as
 * PostGraphile's introspection does; everything else is assembled in memory.
 *
 * Every statement takes the same three parameters, so that one selection drives them all:
 *   $1 text[]  the schemas to read, or null for `current_schema()`
 *   $2 boolean read every non-system schema (`all: true`), ignoring $1
 *   $3 text[]  restrict to these table names, or null for every table
 * The constraint statement takes a fourth:
 *   $4 boolean return, instead of the selected tables' own constraints, the foreign keys of
 *              any table that REFERENCE the selected ones (exported keys)
 *
 * Left out on purpose: system schemas (`pg_*`, `information_schema`), partitions (their
 * partitioned table appears once), objects that belong to an extension (pg_stat_statements'
 * views, PostGIS's spatial_ref_sys), constraints cloned onto partitions (`conparentid <> 0`).
 */

/** The selection of relations shared by every statement (a CTE body named `rels`). */
const SELECTED_RELATIONS = `
  rels as (
    select c.oid, n.nspname::text as owner, c.relname::text as name, c.relkind::text as relkind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'v', 'm', 'p', 'f')
       and not c.relispartition
       and (case when $2::boolean
                 then n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
                 else n.nspname = any(coalesce($1::text[], array[current_schema()::text])) end)
       and ($3::text[] is null or c.relname = any($3::text[]))
       and not exists (
             select 1 from pg_catalog.pg_depend d
              where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  )`;

/**
 * Database name, current schema and the schemas the selection covers. Parameters: $1, $2 only.
 * Columns: database, current_schema, owners (text[]).
 */
export const CONTEXT_SQL = `
select current_database()::text as database,
       current_schema()::text as current_schema,
       array(select n.nspname::text
               from pg_catalog.pg_namespace n
              where case when $2::boolean
                         then n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
                         else n.nspname = any(coalesce($1::text[], array[current_schema()::text])) end
              order by 1) as owners`;

/**
 * Tables, views, materialized views, partitioned and foreign tables with their comments.
 * Columns: owner, name, relkind ('r'|'v'|'m'|'p'|'f'), description.
 */
export const RELATIONS_SQL = `
with ${SELECTED_RELATIONS}
select r.owner, r.name, r.relkind,
       pg_catalog.obj_description(r.oid, 'pg_class') as description
  from rels r`;

/**
 * Columns with their resolved types. A domain column is described by the domain's base type
 * (domains over domains are followed to the end), keeps the domain's name, its checks (those of
 * every domain in the chain), its NOT NULL and its default. Types outside pg_catalog are named
 * by their bare type name (`mood`, `citext`), built-in ones by `format_type` (`integer`,
 * `character varying`, `timestamp with time zone`); arrays are `ARRAY` with the element type.
 *
 * Columns: owner, table_name, column_name, position, not_null, column_default, identity,
 * generated, description, relkind, data_type, udt_name, is_array, element_type, type_mod,
 * base_type_oid, enum_values (text[]), enum_owner and enum_name (the enum type's schema and name, for
 * columns of an enum type or an array of one), domain_name, checks (text[]), filled_by_trigger (a
 * row-level BEFORE INSERT trigger's function assigns `NEW.<column>`, read from its source with
 * spaces and quotes taken out: the database fills it).
 */
export const COLUMNS_SQL = `
with recursive ${SELECTED_RELATIONS},
  cols as (
    select r.oid as relid, r.owner, r.name as table_name, r.relkind, a.attnum, a.attname::text as column_name,
           a.attnotnull, a.atttypid, a.atttypmod, a.attidentity::text as identity,
           a.attgenerated::text as generated
      from rels r
      join pg_catalog.pg_attribute a on a.attrelid = r.oid
     where a.attnum > 0 and not a.attisdropped
  ),
  domain_chain (domain_oid, current_oid, type_mod, not_null, default_text, depth) as (
    select t.oid, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault, 0
      from pg_catalog.pg_type t
     where t.typtype = 'd' and t.oid in (select atttypid from cols)
    union all
    select c.domain_oid, t.typbasetype,
           case when c.type_mod >= 0 then c.type_mod else t.typtypmod end,
           c.not_null or t.typnotnull, coalesce(c.default_text, t.typdefault), c.depth + 1
      from domain_chain c
      join pg_catalog.pg_type t on t.oid = c.current_oid
     where t.typtype = 'd' and c.depth < 16
  ),
  domain_base as (
    select distinct on (c.domain_oid) c.domain_oid, c.current_oid as base_oid, c.type_mod, c.not_null,
           c.default_text
      from domain_chain c
     order by c.domain_oid, c.depth desc
  ),
  domain_checks as (
    select c.domain_oid,
           array_agg(pg_catalog.pg_get_expr(k.conbin, 0) order by c.depth, k.conname) as checks
      from (select domain_oid, domain_oid as type_oid, -1 as depth from domain_base
            union all
            select domain_oid, current_oid, depth from domain_chain) c
      join pg_catalog.pg_constraint k on k.contypid = c.type_oid and k.contype = 'c'
     group by c.domain_oid
  ),
  column_checks as (
    select k.conrelid, k.conkey[1] as attnum,
           array_agg(pg_catalog.pg_get_expr(k.conbin, k.conrelid) order by k.conname) as checks
      from pg_catalog.pg_constraint k
     where k.contype = 'c' and k.conrelid in (select oid from rels) and cardinality(k.conkey) = 1
     group by k.conrelid, k.conkey[1]
  ),
  typed as (
    select c.*, coalesce(db.base_oid, c.atttypid) as type_oid,
           case when db.domain_oid is null then c.atttypmod else db.type_mod end as type_mod,
           db.not_null as domain_not_null, db.default_text as domain_default,
           case when db.domain_oid is null then null else dt.typname::text end as domain_name,
           dc.checks as domain_checks
      from cols c
      left join domain_base db on db.domain_oid = c.atttypid
      left join pg_catalog.pg_type dt on dt.oid = db.domain_oid
      left join domain_checks dc on dc.domain_oid = db.domain_oid
  )
select c.owner, c.table_name, c.column_name, c.attnum as position, c.relkind,
       c.attnotnull or coalesce(c.domain_not_null, false) as not_null,
       coalesce(case when c.generated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
                c.domain_default) as column_default,
       c.identity, c.generated,
       ds.description,
       case when t.typcategory = 'A' then 'ARRAY'
            when t.typnamespace = 'pg_catalog'::regnamespace then pg_catalog.format_type(t.oid, null)
            else t.typname::text end as data_type,
       t.typname::text as udt_name,
       t.typcategory = 'A' as is_array,
       case when t.typcategory <> 'A' then null
            when e.typnamespace = 'pg_catalog'::regnamespace then pg_catalog.format_type(e.oid, null)
            else e.typname::text end as element_type,
       c.type_mod,
       t.oid::int as base_type_oid,
       case when t.typtype = 'e' or e.typtype = 'e' then
         (select array_agg(v.enumlabel::text order by v.enumsortorder)
            from pg_catalog.pg_enum v
           where v.enumtypid = coalesce(e.oid, t.oid)) end as enum_values,
       case when t.typtype = 'e' then t.typnamespace::regnamespace::text
            when e.typtype = 'e' then e.typnamespace::regnamespace::text end as enum_owner,
       case when t.typtype = 'e' then t.typname::text when e.typtype = 'e' then e.typname::text end as enum_name,
       c.domain_name,
       coalesce(c.domain_checks, '{}'::text[]) || coalesce(cc.checks, '{}'::text[]) as checks,
       exists (
         select 1 from pg_catalog.pg_trigger tg
           join lateral (select lower(regexp_replace(pr.prosrc, '[[:space:]"]', '', 'g')) as source
                           from pg_catalog.pg_proc pr where pr.oid = tg.tgfoid) p on true
          where tg.tgrelid = c.relid and not tg.tgisinternal and tg.tgenabled <> 'D'
            and (tg.tgtype & 7) = 7
            and (position(('new.' || lower(c.column_name) || ':=') in p.source) > 0
                 or position(('new.' || lower(c.column_name) || '=') in p.source) > 0)
       ) as filled_by_trigger
  from typed c
  join pg_catalog.pg_type t on t.oid = c.type_oid
  left join pg_catalog.pg_type e on e.oid = t.typelem and t.typcategory = 'A'
  left join pg_catalog.pg_attrdef ad on ad.adrelid = c.relid and ad.adnum = c.attnum
  left join pg_catalog.pg_description ds
         on ds.objoid = c.relid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = c.attnum
  left join column_checks cc on cc.conrelid = c.relid and cc.attnum = c.attnum`;

/**
 * Primary keys ('p'), foreign keys ('f'), unique constraints ('u'), check constraints ('c') and
 * unique indexes that back no constraint ('i'; partial and expression indexes are left out:
 * they do not make a column unique). Columns are in key order.
 *
 * Columns: owner, table_name, name, type, columns (text[]), ref_owner, ref_table,
 * ref_columns (text[]), ref_key_name, expression, not_enforced (a foreign key that does not
 * guarantee a visible referenced row: added `NOT VALID`, or the referenced table has row-level
 * security enabled).
 */
export const CONSTRAINTS_SQL = `
with ${SELECTED_RELATIONS}
select n.nspname::text as owner, cl.relname::text as table_name, k.conname::text as name, k.contype::text as type,
       array(select a.attname::text
               from unnest(k.conkey) with ordinality as u(attnum, ord)
               join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
              order by u.ord) as columns,
       fn.nspname::text as ref_owner, fc.relname::text as ref_table,
       array(select a.attname::text
               from unnest(k.confkey) with ordinality as u(attnum, ord)
               join pg_catalog.pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
              order by u.ord) as ref_columns,
       case when k.contype = 'f' then
         coalesce((select pk.conname::text from pg_catalog.pg_constraint pk
                    where pk.conrelid = k.confrelid and pk.conindid = k.conindid and pk.contype in ('p', 'u')
                    limit 1),
                  (select ic.relname::text from pg_catalog.pg_class ic where ic.oid = k.conindid))
       end as ref_key_name,
       case when k.contype = 'c' then pg_catalog.pg_get_expr(k.conbin, k.conrelid) end as expression,
       k.contype = 'f' and (not k.convalidated or fc.relrowsecurity) as not_enforced
  from pg_catalog.pg_constraint k
  join pg_catalog.pg_class cl on cl.oid = k.conrelid
  join pg_catalog.pg_namespace n on n.oid = cl.relnamespace
  left join pg_catalog.pg_class fc on fc.oid = k.confrelid
  left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
 where k.contype in ('p', 'f', 'u', 'c')
   and k.conparentid = 0
   and (case when $4::boolean
             then k.contype = 'f' and k.confrelid in (select oid from rels) and not cl.relispartition
             else k.conrelid in (select oid from rels) end)
union all
select r.owner, r.name, ic.relname::text, 'i',
       array(select a.attname::text
               from unnest(i.indkey::int2[]) with ordinality as u(attnum, ord)
               join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum
              where u.ord <= i.indnkeyatts
              order by u.ord),
       null, null, null, null, null, false
  from pg_catalog.pg_index i
  join rels r on r.oid = i.indrelid
  join pg_catalog.pg_class ic on ic.oid = i.indexrelid
 where i.indisunique and not i.indisprimary and i.indpred is null and i.indexprs is null
   and not $4::boolean
   and not exists (select 1 from pg_catalog.pg_constraint k
                    where k.conrelid = i.indrelid and k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))`;

/** The current schema, for `defaultOwner()`. Columns: schema. */
export const CURRENT_SCHEMA_SQL = 'select current_schema()::text as schema';

/**
 * The planner's row estimate of every table of the schemas `$1` (`pg_class.reltuples`, kept by
 * ANALYZE and autovacuum; -1 for a table never analyzed, left out).
 */
export const TABLE_STATISTICS_SQL = `
select n.nspname::text as owner, c.relname::text as "table", c.reltuples::float8 as rows
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'm', 'f') and n.nspname = any($1::text[]) and c.reltuples >= 0`;
